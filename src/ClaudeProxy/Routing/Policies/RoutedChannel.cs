using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Affinity;

namespace ClaudeProxy.Routing.Policies;

/// <summary>
/// A channel as the request path sees it, built once per config snapshot: defaults applied and
/// settings resolved, so routing neither parses a setting nor tests for a missing one per request.
/// </summary>
public sealed class RoutedChannel
{
    public RoutedChannel(ChannelConfig config, string? globalStrategy)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Id = config.Id ?? "";
        DisplayName = config.DisplayName;
        ServiceType = config.ServiceType ?? "";
        Weight = config.Weight ?? ChannelConfig.DefaultWeight;
        Strategy = KeyStrategies.Parse(config.LoadBalance ?? globalStrategy);
        IdHash = Rendezvous.Hash(Id);
        Headers = config.Headers is { Count: > 0 } headers ? [.. headers] : [];
        KeyHashes = [.. config.ApiKeys.Select(Rendezvous.Hash)];
        Endpoints = EndpointsOf(config);
    }

    /// <summary>The client doors whose requests the channel serves (see <see cref="ChannelDoors"/>).</summary>
    public IReadOnlySet<string> Doors { get; init; } = ClientDoor.All.ToHashSet(StringComparer.Ordinal);

    /// <summary>The channel as the file has it.</summary>
    public ChannelConfig Config { get; }

    public string Id { get; }

    public string DisplayName { get; }

    public string ServiceType { get; }

    /// <summary>Share of its tier's traffic.</summary>
    public int Weight { get; }

    /// <summary>Its own <c>loadBalance</c>, or the file's.</summary>
    public KeyStrategy Strategy { get; }

    public IReadOnlyList<string> ApiKeys => Config.ApiKeys;

    /// <summary>Until when the channel goes before every other one.</summary>
    public DateTimeOffset? PromotionUntil => Config.PromotionUntil;

    /// <summary>The channel's own request headers, put on every upstream request.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The channel's identity for conversation affinity.</summary>
    public ulong IdHash { get; }

    /// <summary>Each key's identity for conversation affinity, by index: the key's own text, so a key keeps its conversations wherever it moves in the list.</summary>
    public IReadOnlyList<ulong> KeyHashes { get; }

    /// <summary>
    /// The channel once per base URL, in the configured order: what an attempt sends to. Always at least one; the
    /// first is <see cref="Config"/> itself when its <c>baseUrl</c> leads, so a one-URL channel has no copy.
    /// </summary>
    public IReadOnlyList<ChannelConfig> Endpoints { get; }

    /// <summary>
    /// The channel's endpoints: <c>baseUrl</c> (when set), then the <c>baseUrls</c> entries, each URL once (a
    /// trailing <c>/</c> makes no other URL). A channel that names no URL (which validation refuses) is its only endpoint.
    /// </summary>
    public static IReadOnlyList<ChannelConfig> EndpointsOf(ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.BaseUrls is not { Count: > 0 } more)
        {
            return [config];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var endpoints = new List<ChannelConfig>(more.Count + 1);
        foreach (var url in more.Prepend(config.BaseUrl))
        {
            if (!string.IsNullOrWhiteSpace(url) && seen.Add(url.TrimEnd('/')))
            {
                endpoints.Add(endpoints.Count == 0 && string.Equals(url, config.BaseUrl, StringComparison.Ordinal) ? config : config with { BaseUrl = url });
            }
        }

        return endpoints.Count == 0 ? [config] : endpoints;
    }
}
