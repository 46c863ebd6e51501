using System.Text.Json.Serialization;

namespace ClaudeProxy.Panel.Services;

/// <summary>The body of <c>POST /api/session</c>.</summary>
public sealed record SignInRequest([property: JsonPropertyName("key")] string Key);

/// <summary>The gateway's error envelope (<c>{"type":"error","error":{"type","message"}}</c>).</summary>
public sealed record ErrorEnvelope([property: JsonPropertyName("error")] ErrorDetail? Error);

public sealed record ErrorDetail([property: JsonPropertyName("message")] string? Message);

/// <summary>The part of <c>GET /health</c> the dashboard shows.</summary>
public sealed record HealthInfo(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("uptime")] double Uptime,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("config")] HealthConfig? Config);

public sealed record HealthConfig(
    [property: JsonPropertyName("upstreamCount")] int UpstreamCount,
    [property: JsonPropertyName("loadBalance")] string? LoadBalance);

/// <summary>The part of <c>GET /api/stats</c> the dashboard shows.</summary>
public sealed record StatsInfo([property: JsonPropertyName("totals")] StatsFigures Totals);

public sealed record StatsFigures(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("successRate")] double? SuccessRate,
    [property: JsonPropertyName("p95LatencyMs")] double? P95LatencyMs,
    [property: JsonPropertyName("inputTokens")] long InputTokens,
    [property: JsonPropertyName("outputTokens")] long OutputTokens,
    [property: JsonPropertyName("costUsd")] double? CostUsd);

/// <summary>Source-generated JSON for the panel's API models: no reflection serializer in the download.</summary>
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(HealthInfo))]
[JsonSerializable(typeof(StatsInfo))]
[JsonSerializable(typeof(ChannelList))]
[JsonSerializable(typeof(ChannelView))]
[JsonSerializable(typeof(ChannelEditRequest))]
[JsonSerializable(typeof(ChannelStatusRequest))]
[JsonSerializable(typeof(ChannelOrderRequest))]
[JsonSerializable(typeof(AddKeyRequest))]
[JsonSerializable(typeof(ChannelDeleted))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(GroupedStats))]
internal sealed partial class PanelJsonContext : JsonSerializerContext;
