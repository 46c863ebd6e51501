using ClaudeProxy.Routing;

namespace ClaudeProxy.Upstreams;

/// <summary>What an upstream HTTP status says about the attempt that got it.</summary>
public static class StatusClassifier
{
    public static FailureKind Classify(int status) => status switch
    {
        >= 200 and < 300 => FailureKind.None,
        401 or 403 => FailureKind.Auth,
        402 => FailureKind.Quota,
        429 => FailureKind.RateLimit,
        408 or >= 500 => FailureKind.Transient,
        _ => FailureKind.Client,
    };
}
