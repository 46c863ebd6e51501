namespace ClaudeProxy.Routing.Attempts;

public static class FailureKindExtensions
{
    /// <summary>True when another key or channel may succeed where this attempt failed.</summary>
    public static bool IsRetryable(this FailureKind kind) => kind is FailureKind.Auth or FailureKind.Quota or FailureKind.RateLimit
        or FailureKind.Transient or FailureKind.Network or FailureKind.Timeout;

    /// <summary>
    /// True when the failure is the base URL's rather than the key's or the request's: it could not be reached,
    /// did not answer in time, or answered with a server error. Another URL of the channel may serve the same key.
    /// </summary>
    public static bool IsEndpointFault(this FailureKind kind) => kind is FailureKind.Transient or FailureKind.Network or FailureKind.Timeout;

    /// <summary>The kind as the admin API names it: <c>rate_limit</c>, <c>auth</c>, <c>quota</c>, …</summary>
    public static string ApiName(this FailureKind kind) => kind switch
    {
        FailureKind.None => "none",
        FailureKind.Auth => "auth",
        FailureKind.Quota => "quota",
        FailureKind.RateLimit => "rate_limit",
        FailureKind.Transient => "transient",
        FailureKind.Network => "network",
        FailureKind.Timeout => "timeout",
        FailureKind.Client => "client",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
