namespace ClaudeProxy.Security.Sessions;

/// <summary>The answer of <c>GET /api/session</c> for a live session.</summary>
public sealed record SessionState(bool Authenticated, DateTimeOffset ExpiresAt);
