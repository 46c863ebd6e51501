using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Security;

namespace ClaudeProxy.Admin;

/// <summary>
/// Channels as the admin API shows them: every config field (unknown ones included), keys masked,
/// plus position, key count and live health. A raw key never leaves through this type.
/// </summary>
public static class ChannelViews
{
    public static JsonObject List(ProxyConfig config, IReadOnlyList<ChannelHealthSnapshot> health)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(health);
        var first = ChannelOrder.FirstIndex(config);
        var channels = new JsonArray();
        for (var i = 0; i < config.Upstream.Count; i++)
        {
            channels.Add((JsonNode)One(config, i, health.FirstOrDefault(h => h.ChannelId == config.Upstream[i].Id), i == first));
        }

        return new JsonObject
        {
            ["channels"] = channels,
            ["current"] = first,
            ["loadBalance"] = config.LoadBalance,
        };
    }

    public static JsonObject One(ProxyConfig config, int index, ChannelHealthSnapshot? health, bool isFirst)
    {
        ArgumentNullException.ThrowIfNull(config);
        var channel = config.Upstream[index];
        var node = ConfigMasking.Masked(channel);
        node["index"] = index;
        node["keyCount"] = channel.ApiKeys.Count;
        node["status"] = channel.IsActive ? ChannelStatus.Active : ChannelStatus.Disabled;
        node["priority"] = channel.Priority ?? index;
        node["weight"] = channel.Weight ?? 1;
        node["current"] = isFirst;
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
            ["consecutiveFailures"] = k.ConsecutiveFailures,
            ["lastFailure"] = k.LastFailure?.ToString(),
            ["lastFailureAt"] = k.LastFailureAt,
            ["lastSuccessAt"] = k.LastSuccessAt,
            ["successes"] = k.Successes,
            ["failures"] = k.Failures,
        })]),
    };
}
