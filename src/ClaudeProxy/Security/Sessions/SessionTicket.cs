namespace ClaudeProxy.Security.Sessions;

/// <summary>A new session: the token for the cookie and when the session ends.</summary>
public sealed record SessionTicket(string Token, DateTimeOffset ExpiresAt);
