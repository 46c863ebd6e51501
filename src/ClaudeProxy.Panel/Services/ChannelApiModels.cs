using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeProxy.Panel.Services;

/// <summary>The part of <c>GET /api/channels</c> the channels page shows. Keys arrive masked.</summary>
public sealed record ChannelList(
    [property: JsonPropertyName("channels")] IReadOnlyList<ChannelView> Channels,
    [property: JsonPropertyName("current")] int Current,
    [property: JsonPropertyName("loadBalance")] string? LoadBalance);

/// <summary>One channel as the admin API shows it (<c>apiKeys</c> masked by the server).</summary>
public sealed record ChannelView(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("serviceType")] string? ServiceType,
    [property: JsonPropertyName("baseUrl")] string? BaseUrl,
    [property: JsonPropertyName("apiKeys")] IReadOnlyList<string>? ApiKeys,
    [property: JsonPropertyName("modelMapping")] IReadOnlyDictionary<string, string>? ModelMapping,
    [property: JsonPropertyName("models")] IReadOnlyList<string>? Models,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("weight")] int Weight,
    [property: JsonPropertyName("keyCount")] int KeyCount,
    [property: JsonPropertyName("current")] bool Current)
{
    /// <summary>Until when the channel goes before every other one; a time already past means no promotion.</summary>
    [JsonPropertyName("promotionUntil")]
    public DateTimeOffset? PromotionUntil { get; init; }

    /// <summary>At most this many requests in flight on each key; null: no cap.</summary>
    [JsonPropertyName("maxConcurrency")]
    public int? MaxConcurrency { get; init; }

    /// <summary>At most this many requests started on each key per minute; null: no cap.</summary>
    [JsonPropertyName("rpm")]
    public int? Rpm { get; init; }

    /// <summary>The channel's own request headers; the server masks the values of secret-looking ones.</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>More endpoints of the same upstream, tried after <see cref="BaseUrl"/>.</summary>
    [JsonPropertyName("baseUrls")]
    public IReadOnlyList<string>? BaseUrls { get; init; }

    /// <summary>The client doors the channel names; null: <see cref="DefaultDoors"/>.</summary>
    [JsonPropertyName("doors")]
    public IReadOnlyList<string>? Doors { get; init; }

    /// <summary>The doors it serves without a <c>doors</c> list: every one, or only its file list's (a migrated file's Responses and Gemini lists).</summary>
    [JsonPropertyName("defaultDoors")]
    public IReadOnlyList<string>? DefaultDoors { get; init; }

    [JsonPropertyName("authStyle")]
    public string? AuthStyle { get; init; }

    /// <summary>This channel's key strategy; null: the global one.</summary>
    [JsonPropertyName("loadBalance")]
    public string? LoadBalance { get; init; }

    [JsonPropertyName("insecureSkipVerify")]
    public bool? InsecureSkipVerify { get; init; }

    [JsonPropertyName("maxTokens")]
    public int? MaxTokens { get; init; }

    [JsonPropertyName("reasoning")]
    public string? Reasoning { get; init; }

    [JsonPropertyName("systemMessagesInPlace")]
    public bool? SystemMessagesInPlace { get; init; }

    [JsonPropertyName("foldSystemMessages")]
    public bool? FoldSystemMessages { get; init; }

    [JsonPropertyName("forwardUserId")]
    public bool? ForwardUserId { get; init; }

    [JsonPropertyName("injectDummyThoughtSignature")]
    public bool? InjectDummyThoughtSignature { get; init; }

    [JsonPropertyName("stripThoughtSignature")]
    public bool? StripThoughtSignature { get; init; }

    /// <summary>True while a promotion runs at <paramref name="now"/>.</summary>
    public bool PromotedAt(DateTimeOffset now) => PromotionUntil is { } until && until > now;

    /// <summary>How the API names this channel: its stable id, or its position for a channel without one.</summary>
    public string Reference => Id ?? Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Routed to: <c>active</c>; a <c>suspended</c> or <c>disabled</c> channel is not.</summary>
    public bool Active => string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase);

    public bool Suspended => string.Equals(Status, "suspended", StringComparison.OrdinalIgnoreCase);

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Reference : Name;
}

/// <summary>
/// The fields the add / edit dialog sends. Null fields are sent as null, which removes them; a null priority is left out (kept),
/// keys are sent only when adding, headers only when the user changed them (their secret values arrive masked), and the
/// "more options" fields only when they differ from the channel the dialog opened.
/// </summary>
public sealed record ChannelEditRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("serviceType")] string ServiceType,
    [property: JsonPropertyName("baseUrl")] string? BaseUrl,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("priority"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Priority,
    [property: JsonPropertyName("weight")] int? Weight,
    [property: JsonPropertyName("modelMapping")] IReadOnlyDictionary<string, string>? ModelMapping,
    [property: JsonPropertyName("models")] IReadOnlyList<string>? Models,
    [property: JsonPropertyName("apiKeys"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ApiKeys)
{
    [JsonPropertyName("maxConcurrency")]
    public int? MaxConcurrency { get; init; }

    [JsonPropertyName("rpm")]
    public int? Rpm { get; init; }

    /// <summary>Left out when null (the headers stay as they are); an empty change is sent as null, which removes them.</summary>
    [JsonPropertyName("headers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HeadersChange? Headers { get; init; }

    /// <summary>
    /// The "more options" fields that differ from the channel the dialog opened, by their JSON names; each is written
    /// as a field of the body, a null value as null (which removes the field). Fields not in it are left out: kept.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Options { get; set; }
}

/// <summary><c>POST /api/channels/{id}/promote</c>: how long the channel goes first.</summary>
public sealed record PromoteRequest([property: JsonPropertyName("seconds")] int Seconds);

/// <summary>Switches a channel on or off (<c>PUT /api/channels/{id}</c> with only the status).</summary>
public sealed record ChannelStatusRequest([property: JsonPropertyName("status")] string Status);

/// <summary><c>PUT /api/channels/order</c>: every channel id once, first tried first.</summary>
public sealed record ChannelOrderRequest([property: JsonPropertyName("order")] IReadOnlyList<string> Order);

/// <summary><c>POST /api/channels/{id}/keys</c> with every key at once: the gateway adds all of them in one write, or none.</summary>
public sealed record AddKeyRequest([property: JsonPropertyName("apiKeys")] IReadOnlyList<string> ApiKeys);

/// <summary><c>DELETE /api/channels/{id}</c>'s answer.</summary>
public sealed record ChannelDeleted([property: JsonPropertyName("deleted")] string? Deleted);

/// <summary><c>GET /api/ping/{id}</c>: the honest status (healthy, auth_error, rate_limited, error, timeout, unreachable, no_keys).</summary>
public sealed record PingResult(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("latency")] double? Latency,
    [property: JsonPropertyName("httpStatus")] int? HttpStatus);

/// <summary><c>GET /api/health</c>: per channel its state, per key (masked) its state and last error.</summary>
public sealed record HealthReport([property: JsonPropertyName("channels")] IReadOnlyList<ChannelHealth> Channels);

public sealed record ChannelHealth(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("failureRate")] double FailureRate,
    [property: JsonPropertyName("keys")] IReadOnlyList<KeyHealth> Keys)
{
    /// <summary>Until when an open circuit keeps the channel paused.</summary>
    [JsonPropertyName("openUntil")]
    public DateTimeOffset? OpenUntil { get; init; }
}

public sealed record KeyHealth(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("lastError")] KeyError? LastError,
    [property: JsonPropertyName("requests15m")] long Requests15m)
{
    /// <summary>Until when a resting key is left out.</summary>
    [JsonPropertyName("restingUntil")]
    public DateTimeOffset? RestingUntil { get; init; }

    /// <summary>Why the key rests, in the gateway's words.</summary>
    [JsonPropertyName("restReason")]
    public string? RestReason { get; init; }

    [JsonPropertyName("inFlight")]
    public int InFlight { get; init; }

    [JsonPropertyName("capped")]
    public bool Capped { get; init; }

    /// <summary>The cap the key is at: <c>maxConcurrency</c> or <c>rpm</c>.</summary>
    [JsonPropertyName("cappedBy")]
    public string? CappedBy { get; init; }
}

public sealed record KeyError(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("time")] DateTimeOffset? Time);

/// <summary><c>GET /api/stats?by=…</c>'s groups: the channel's display name or the masked key, with its figures.</summary>
public sealed record GroupedStats([property: JsonPropertyName("groups")] IReadOnlyList<StatsGroup> Groups);

public sealed record StatsGroup(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("inputTokens")] long InputTokens,
    [property: JsonPropertyName("outputTokens")] long OutputTokens,
    [property: JsonPropertyName("cacheHitRate")] double? CacheHitRate,
    [property: JsonPropertyName("costUsd")] double? CostUsd);
