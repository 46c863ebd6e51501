using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Admin;

/// <summary>
/// Channels as the admin API shows them: <see cref="PresentedChannel"/>'s view with the unknown fields
/// included (masked), so the panel sees the whole channel, plus live health.
/// </summary>
public static class ChannelViews
{
    public static JsonObject List(ProxyConfig config, IReadOnlyList<ChannelHealthSnapshot> health)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(health);
        var channels = ChannelPresenter.PresentAll(config);
        return new JsonObject
        {
            ["channels"] = new JsonArray([.. channels.Select(c => (JsonNode)One(c, health.FirstOrDefault(h => h.ChannelId == c.Fields.Id)))]),
            ["current"] = channels.FirstOrDefault(c => c.IsCurrent)?.Index ?? -1,
            ["loadBalance"] = config.LoadBalance,
        };
    }

    public static JsonObject One(PresentedChannel channel, ChannelHealthSnapshot? health)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var node = channel.ToJson(UnknownFields.Masked);
        node["health"] = health is null ? null : Health(health);
        return node;
    }

    private static JsonObject Health(ChannelHealthSnapshot health) => new()
    {
        ["circuit"] = health.Circuit.ToString().ToLowerInvariant(),
        ["openUntil"] = health.OpenUntil,
        ["recentOutcomes"] = health.RecentOutcomes,
        ["recentFailureRate"] = Math.Round(health.RecentFailureRate, 3),
        ["keys"] = new JsonArray([.. health.Keys.Select(k => (JsonNode)new JsonObject
        {
            ["index"] = k.Index,
            ["fingerprint"] = k.Fingerprint,
            ["coolingDown"] = k.CoolingDown,
            ["cooldownUntil"] = k.CooldownUntil,
            ["cooldownReason"] = k.RestReason,
            ["inFlight"] = k.InFlight,
            ["capped"] = k.Capped,
            ["cappedBy"] = k.CappedBy,
            ["consecutiveFailures"] = k.ConsecutiveFailures,
            ["lastFailure"] = k.LastFailure?.ToString(),
            ["lastFailureAt"] = k.LastFailureAt,
            ["lastSuccessAt"] = k.LastSuccessAt,
            ["successes"] = k.Successes,
            ["failures"] = k.Failures,
        })]),
    };
}
