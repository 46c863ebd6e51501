using System.Text.Json.Serialization;

namespace ClaudeProxy.Panel.Services;

// Dashboard and Settings pages: the parts of GET /api/health, GET /api/cluster, PUT /api/loadbalance and POST /api/config/import these pages read.
// (GET /api/stats, /api/logs and the events' requests use the Logs and Usage models: one model per API shape.)

/// <summary><c>GET /api/health</c>, reduced to each channel's state (<c>ok</c>, <c>open</c>, <c>half_open</c>, <c>suspended</c>, <c>disabled</c>).</summary>
public sealed record ChannelStates([property: JsonPropertyName("channels")] IReadOnlyList<ChannelState>? Channels);

public sealed record ChannelState(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("state")] string State);

/// <summary>
/// <c>GET /api/cluster</c>: this instance's id, the shared Redis (<c>off</c>, <c>connected</c> or <c>unreachable</c>)
/// and the live instances, this one included.
/// </summary>
public sealed record ClusterInfo(
    [property: JsonPropertyName("self")] string Self,
    [property: JsonPropertyName("redis")] string Redis,
    [property: JsonPropertyName("instances")] IReadOnlyList<ClusterInstance> Instances)
{
    /// <summary>True when this gateway is one of several: Redis configured, or more than one instance live. A lone gateway shows nothing of it.</summary>
    [JsonIgnore]
    public bool Several => Redis != "off" || Instances.Count > 1;
}

/// <summary>One live instance: its build, when it started, its last beat and its load (upstream requests in flight, requests logged since start).</summary>
public sealed record ClusterInstance
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("self")] public bool Self { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("commit")] public string? Commit { get; init; }
    [JsonPropertyName("startedAt")] public DateTimeOffset StartedAt { get; init; }
    [JsonPropertyName("lastSeen")] public DateTimeOffset LastSeen { get; init; }
    [JsonPropertyName("inFlight")] public int InFlight { get; init; }
    [JsonPropertyName("requests")] public long Requests { get; init; }
    [JsonPropertyName("duplicateId")] public bool DuplicateId { get; init; }
}

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
