using System.Text.Json.Serialization;

namespace ClaudeProxy.Panel.Services;

// Dashboard and Settings pages: the parts of GET /api/health, PUT /api/loadbalance and POST /api/config/import these pages read.
// (GET /api/stats, /api/logs and the events' requests use the Logs and Usage models: one model per API shape.)

/// <summary><c>GET /api/health</c>, reduced to each channel's state (<c>ok</c>, <c>open</c>, <c>half_open</c>, <c>suspended</c>, <c>disabled</c>).</summary>
public sealed record ChannelStates([property: JsonPropertyName("channels")] IReadOnlyList<ChannelState>? Channels);

public sealed record ChannelState(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("state")] string State);

/// <summary>The body of <c>PUT /api/loadbalance</c>: <c>sticky</c>, <c>failover</c>, <c>round-robin</c> or <c>random</c>.</summary>
public sealed record KeyStrategyChange([property: JsonPropertyName("strategy")] string Strategy);

/// <summary>A config file as the import confirmation reads it before sending: only enough to say what it holds.</summary>
public sealed record ConfigFileSummary(
    [property: JsonPropertyName("upstream")] IReadOnlyList<System.Text.Json.JsonElement>? Upstream,
    [property: JsonPropertyName("loadBalance")] string? LoadBalance);

/// <summary>The answer of <c>PUT /api/loadbalance</c> and of <c>POST /api/config/import</c>.</summary>
public sealed record ConfigChangeAnswer(
    [property: JsonPropertyName("loadBalance")] string? LoadBalance,
    [property: JsonPropertyName("upstreamCount")] int? UpstreamCount);
