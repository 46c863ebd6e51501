using System.Text.Json.Serialization;

namespace ClaudeProxy.Observability.Usage;

/// <summary>The figures of a stats group, or of all groups together (then without a name). Rates are fractions 0–1.</summary>
public sealed record UsageFigures
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    public long Requests { get; init; }

    public long Errors { get; init; }

    /// <summary>Requests answered 2xx over all requests; null without requests.</summary>
    public double? SuccessRate { get; init; }

    public double? P50LatencyMs { get; init; }

    public double? P95LatencyMs { get; init; }

    public double? P50TtfbMs { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long CacheReadTokens { get; init; }

    public long CacheCreationTokens { get; init; }

    /// <summary>Cache reads over all input-side tokens (input + cache read + cache creation); null when there were none.</summary>
    public double? CacheHitRate { get; init; }

    /// <summary>The sum of known costs; null when no request in the group had one.</summary>
    public double? CostUsd { get; init; }
}
