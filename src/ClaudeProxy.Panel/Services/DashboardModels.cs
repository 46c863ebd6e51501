using System.Text.Json.Serialization;

namespace ClaudeProxy.Panel.Services;

// Dashboard and Settings pages: the parts of GET /api/stats, /api/health, /api/logs, /api/events,
// PUT /api/loadbalance and POST /api/config/import these pages read.

/// <summary><c>GET /api/stats?window=…&amp;by=channel</c>: the window's totals, one group per channel, and the chart series.</summary>
public sealed record DashboardStats(
    [property: JsonPropertyName("window")] string Window,
    [property: JsonPropertyName("totals")] DashboardFigures Totals,
    [property: JsonPropertyName("groups")] IReadOnlyList<DashboardFigures> Groups,
    [property: JsonPropertyName("series")] IReadOnlyList<DashboardPoint> Series);

/// <summary>The figures of the totals or of one group (then named). Rates are fractions 0–1.</summary>
public sealed record DashboardFigures
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("requests")] public long Requests { get; init; }
    [JsonPropertyName("errors")] public long Errors { get; init; }
    [JsonPropertyName("successRate")] public double? SuccessRate { get; init; }
    [JsonPropertyName("p50LatencyMs")] public double? P50LatencyMs { get; init; }
    [JsonPropertyName("p50TtfbMs")] public double? P50TtfbMs { get; init; }
    [JsonPropertyName("inputTokens")] public long InputTokens { get; init; }
    [JsonPropertyName("outputTokens")] public long OutputTokens { get; init; }
    [JsonPropertyName("cacheHitRate")] public double? CacheHitRate { get; init; }
    [JsonPropertyName("costUsd")] public double? CostUsd { get; init; }
}

/// <summary>One bucket of the stats series; <see cref="Time"/> is its start.</summary>
public sealed record DashboardPoint(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("inputTokens")] long InputTokens,
    [property: JsonPropertyName("outputTokens")] long OutputTokens);

/// <summary><c>GET /api/health</c>, reduced to each channel's state (<c>ok</c>, <c>open</c>, <c>half_open</c>, <c>disabled</c>).</summary>
public sealed record ChannelStates([property: JsonPropertyName("channels")] IReadOnlyList<ChannelState>? Channels);

public sealed record ChannelState(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("state")] string State);

/// <summary>A finished request as the live list shows it: an <c>/api/logs</c> item (also the data of an <c>event: request</c>).</summary>
public sealed record LiveRequest
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("mappedModel")] public string? MappedModel { get; init; }
    [JsonPropertyName("channel")] public string? Channel { get; init; }
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("errorType")] public string? ErrorType { get; init; }
    [JsonPropertyName("latencyMs")] public double LatencyMs { get; init; }
    [JsonPropertyName("inputTokens")] public long InputTokens { get; init; }
    [JsonPropertyName("outputTokens")] public long OutputTokens { get; init; }
    [JsonPropertyName("costUsd")] public double? CostUsd { get; init; }
}

/// <summary>A page of <c>GET /api/logs</c>, newest first, as the live list reads it.</summary>
public sealed record LiveRequestPage([property: JsonPropertyName("items")] IReadOnlyList<LiveRequest> Items);

/// <summary>The body of <c>PUT /api/loadbalance</c>: <c>round-robin</c>, <c>random</c> or <c>failover</c>.</summary>
public sealed record KeyStrategyChange([property: JsonPropertyName("strategy")] string Strategy);

/// <summary>The answer of <c>PUT /api/loadbalance</c> and of <c>POST /api/config/import</c>.</summary>
public sealed record ConfigChangeAnswer(
    [property: JsonPropertyName("loadBalance")] string? LoadBalance,
    [property: JsonPropertyName("upstreamCount")] int? UpstreamCount);
