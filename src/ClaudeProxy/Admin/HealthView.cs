using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Admin;

/// <summary>
/// <c>/api/health</c>'s answer: per channel its state, failure rate and recent requests, per key its
/// state (with why and until when it rests), requests in flight, the cap it is at if any, last error,
/// last success and recent requests. Keys appear masked, by position.
/// </summary>
public static class HealthView
{
    public static JsonObject Of(ProxyConfig config, IReadOnlyList<ChannelHealthSnapshot> health, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(health);
        var channels = new JsonArray();
        foreach (var channel in config.Upstream)
        {
            if (health.FirstOrDefault(h => h.ChannelId == (channel.Id ?? "")) is { } snapshot)
            {
                channels.Add((JsonNode)Channel(channel, snapshot));
            }
        }

        return new JsonObject { ["time"] = now, ["channels"] = channels };
    }

    /// <summary><c>ok</c>, <c>open</c>, <c>half_open</c>, or the status of a channel the config keeps out of routing (<c>suspended</c>, <c>disabled</c>).</summary>
    public static string State(ChannelConfig channel, CircuitState circuit)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.EffectiveStatus != ChannelStatus.Active ? channel.EffectiveStatus : circuit switch
        {
            CircuitState.Open => "open",
            CircuitState.HalfOpen => "half_open",
            _ => "ok",
        };
    }

    private static JsonObject Channel(ChannelConfig channel, ChannelHealthSnapshot health) => new()
    {
        ["id"] = channel.Id,
        ["name"] = channel.DisplayName,
        ["serviceType"] = channel.ServiceType,
        ["state"] = State(channel, health.Circuit),
        ["openUntil"] = health.OpenUntil,
        ["failureRate"] = Math.Round(health.RecentFailureRate, 3),
        ["requests15m"] = health.Requests15m,
        ["keys"] = new JsonArray([.. health.Keys.Select(k => (JsonNode)Key(k))]),
    };

    private static JsonObject Key(KeyHealthSnapshot key) => new()
    {
        ["index"] = key.Index,
        ["key"] = key.Fingerprint,
        ["state"] = key.CoolingDown ? "resting" : "ok",
        ["restingUntil"] = key.CooldownUntil,
        ["restReason"] = key.RestReason,
        ["inFlight"] = key.InFlight,
        ["capped"] = key.Capped,
        ["cappedBy"] = key.CappedBy,
        ["lastError"] = key.LastError is { } error
            ? new JsonObject
            {
                ["kind"] = error.Kind.ApiName(),
                ["status"] = error.Status,
                ["message"] = error.Message,
                ["time"] = error.Time,
            }
            : null,
        ["lastSuccess"] = key.LastSuccessAt,
        ["requests15m"] = key.Requests15m,
    };
}
