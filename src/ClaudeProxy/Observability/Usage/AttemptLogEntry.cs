namespace ClaudeProxy.Observability.Usage;

/// <summary>One upstream attempt of a logged request: where it went (key masked) and how it ended.</summary>
public sealed record AttemptLogEntry(string Channel, string Key, int? Status, string? ErrorType, double LatencyMs);
