namespace ClaudeProxy.Observability.Usage;

/// <summary>One bucket of a stats series; <see cref="Time"/> is the bucket's start.</summary>
public sealed record UsageSeriesPoint(DateTimeOffset Time, long Requests, long Errors, long InputTokens, long OutputTokens, double? CostUsd);
