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

// Logs and Usage pages: the request log (GET /api/logs, /api/logs/{id}) and the stats (GET /api/stats).

/// <summary>A page of <c>GET /api/logs</c>, newest first; <see cref="Next"/> is the cursor of the older page, null at the end.</summary>
public sealed record LogPageInfo(
    [property: JsonPropertyName("items")] IReadOnlyList<LogEntryInfo> Items,
    [property: JsonPropertyName("next")] long? Next);

/// <summary>One logged request (also the data of an <c>event: request</c>); the key is masked by the server, the bodies come only from <c>GET /api/logs/{id}</c>.</summary>
public sealed record LogEntryInfo
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }
    [JsonPropertyName("requestId")] public string? RequestId { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("mappedModel")] public string? MappedModel { get; init; }
    [JsonPropertyName("channel")] public string? Channel { get; init; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; init; }
    [JsonPropertyName("serviceType")] public string? ServiceType { get; init; }
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("errorType")] public string? ErrorType { get; init; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; init; }
    [JsonPropertyName("stream")] public bool Stream { get; init; }
    [JsonPropertyName("latencyMs")] public double LatencyMs { get; init; }
    [JsonPropertyName("ttfbMs")] public double? TtfbMs { get; init; }
    [JsonPropertyName("inputTokens")] public long InputTokens { get; init; }
    [JsonPropertyName("outputTokens")] public long OutputTokens { get; init; }
    [JsonPropertyName("cacheReadTokens")] public long CacheReadTokens { get; init; }
    [JsonPropertyName("cacheCreationTokens")] public long CacheCreationTokens { get; init; }
    [JsonPropertyName("costUsd")] public double? CostUsd { get; init; }
    [JsonPropertyName("attempts")] public IReadOnlyList<AttemptInfo> Attempts { get; init; } = [];

    /// <summary>The gateway instance that served the request; null for rows logged before instances were named.</summary>
    [JsonPropertyName("instance")] public string? Instance { get; init; }
    [JsonPropertyName("requestBody")] public string? RequestBody { get; init; }
    [JsonPropertyName("responseBody")] public string? ResponseBody { get; init; }
}

/// <summary>One upstream attempt of a logged request (key masked).</summary>
public sealed record AttemptInfo(
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("errorType")] string? ErrorType,
    [property: JsonPropertyName("latencyMs")] double LatencyMs);

/// <summary><c>GET /api/stats</c> in full: a window's totals, its groups and its chart series.</summary>
public sealed record UsageReport(
    [property: JsonPropertyName("window")] string Window,
    [property: JsonPropertyName("by")] string By,
    [property: JsonPropertyName("totals")] UsageGroup Totals,
    [property: JsonPropertyName("groups")] IReadOnlyList<UsageGroup> Groups,
    [property: JsonPropertyName("series")] IReadOnlyList<UsagePoint> Series);

/// <summary>The figures of a stats group (or of the totals, without a name). Rates are fractions 0–1.</summary>
public sealed record UsageGroup
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("requests")] public long Requests { get; init; }
    [JsonPropertyName("errors")] public long Errors { get; init; }
    [JsonPropertyName("successRate")] public double? SuccessRate { get; init; }
    [JsonPropertyName("p50LatencyMs")] public double? P50LatencyMs { get; init; }
    [JsonPropertyName("p95LatencyMs")] public double? P95LatencyMs { get; init; }
    [JsonPropertyName("p50TtfbMs")] public double? P50TtfbMs { get; init; }
    [JsonPropertyName("inputTokens")] public long InputTokens { get; init; }
    [JsonPropertyName("outputTokens")] public long OutputTokens { get; init; }
    [JsonPropertyName("cacheReadTokens")] public long CacheReadTokens { get; init; }
    [JsonPropertyName("cacheCreationTokens")] public long CacheCreationTokens { get; init; }
    [JsonPropertyName("cacheHitRate")] public double? CacheHitRate { get; init; }
    [JsonPropertyName("costUsd")] public double? CostUsd { get; init; }
}

/// <summary>One bucket of the stats series; <see cref="Time"/> is its start.</summary>
public sealed record UsagePoint(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("inputTokens")] long InputTokens,
    [property: JsonPropertyName("outputTokens")] long OutputTokens,
    [property: JsonPropertyName("costUsd")] double? CostUsd);

/// <summary>Source-generated JSON for the panel's API models: no reflection serializer in the download.</summary>
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(HealthInfo))]
// Dashboard and Settings pages
[JsonSerializable(typeof(ChannelStates))]
[JsonSerializable(typeof(ClusterInfo))]
[JsonSerializable(typeof(KeyStrategyChange))]
[JsonSerializable(typeof(ConfigChangeAnswer))]
[JsonSerializable(typeof(ConfigFileSummary))]
[JsonSerializable(typeof(LogPageInfo))]
[JsonSerializable(typeof(LogEntryInfo))]
[JsonSerializable(typeof(UsageReport))]
[JsonSerializable(typeof(ChannelList))]
[JsonSerializable(typeof(ChannelView))]
[JsonSerializable(typeof(ChannelEditRequest))]
[JsonSerializable(typeof(ChannelStatusRequest))]
[JsonSerializable(typeof(ChannelOrderRequest))]
[JsonSerializable(typeof(AddKeyRequest))]
[JsonSerializable(typeof(PromoteRequest))]
[JsonSerializable(typeof(ChannelDeleted))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(GroupedStats))]
internal sealed partial class PanelJsonContext : JsonSerializerContext;
