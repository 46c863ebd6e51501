namespace ClaudeProxy.Routing;

public static class FailureKindExtensions
{
    /// <summary>True when another key or channel may succeed where this attempt failed.</summary>
    public static bool IsRetryable(this FailureKind kind) => kind is FailureKind.Auth or FailureKind.Quota or FailureKind.RateLimit
        or FailureKind.Transient or FailureKind.Network or FailureKind.Timeout;
}
