namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// One client request as the usage store keeps it: who asked for what, which channel and key
/// served it (the key masked), how it ended, how long it took, the tokens the upstream reported,
/// what it cost, and every attempt made on the way. The field names are the usage API's.
/// </summary>
public sealed record RequestLogEntry
{
    /// <summary>Assigned by the store; 0 until stored.</summary>
    public long Id { get; init; }

    public DateTimeOffset Time { get; init; }

    /// <summary>The <c>request-id</c> the client received (the upstream's when it sent one, else the gateway's).</summary>
    public string RequestId { get; init; } = "";

    public string Path { get; init; } = "";

    /// <summary>The model as the client asked for it.</summary>
    public string? Model { get; init; }

    /// <summary>The model the channel was asked for, after its mapping.</summary>
    public string? MappedModel { get; init; }

    /// <summary>The name of the channel that gave the final answer (or the last one tried).</summary>
    public string? Channel { get; init; }

    public string? ChannelId { get; init; }

    public string? ServiceType { get; init; }

    /// <summary>The key of the final attempt, masked.</summary>
    public string? Key { get; init; }

    /// <summary>The HTTP status the client received.</summary>
    public int Status { get; init; }

    /// <summary>The Anthropic error type of a failed request (<c>rate_limit_error</c>, …); null on success.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The error's message, redacted; null on success.</summary>
    public string? ErrorMessage { get; init; }

    public bool Stream { get; init; }

    public double LatencyMs { get; init; }

    public double? TtfbMs { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long CacheReadTokens { get; init; }

    public long CacheCreationTokens { get; init; }

    /// <summary>USD; null when the model has no known price (never 0 for "unknown").</summary>
    public double? CostUsd { get; init; }

    public IReadOnlyList<AttemptLogEntry> Attempts { get; init; } = [];

    /// <summary>The gateway instance that served the request (<c>INSTANCE_ID</c>); null for rows logged before instances were named.</summary>
    public string? Instance { get; init; }

    /// <summary>Stored only with ENABLE_BODY_LOGS=true, truncated and redacted.</summary>
    public string? RequestBody { get; init; }

    /// <summary>Stored only with ENABLE_BODY_LOGS=true, truncated and redacted.</summary>
    public string? ResponseBody { get; init; }
}
