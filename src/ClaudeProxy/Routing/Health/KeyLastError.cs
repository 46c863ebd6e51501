using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Routing.Health;

/// <summary>A key's latest failure: its kind, the upstream's status (none for a connection failure), a short redacted message.</summary>
public sealed record KeyLastError(FailureKind Kind, int? Status, string? Message, DateTimeOffset Time);
