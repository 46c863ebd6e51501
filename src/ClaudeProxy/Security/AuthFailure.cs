namespace ClaudeProxy.Security;

/// <summary>A failed key check <see cref="AuthFailureThrottle"/> counted: the address, and the lockout it started, if it did.</summary>
public sealed record AuthFailure(string Address, DateTimeOffset? LockedUntil);
