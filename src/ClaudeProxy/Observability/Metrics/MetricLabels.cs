
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Observability.Metrics;

/// <summary>Label values with a fixed, small set of possible values.</summary>
public static class MetricLabels
{
    /// <summary>A channel label for a request no channel served (none configured, or no key to try).</summary>
    public const string NoChannel = "none";

    public static string StatusClass(int status) => status switch
    {
        >= 100 and < 200 => "1xx",
        >= 200 and < 300 => "2xx",
        >= 300 and < 400 => "3xx",
        >= 400 and < 500 => "4xx",
        >= 500 and < 600 => "5xx",
        _ => "other",
    };

    /// <summary><c>success</c>, or the failure kind in snake_case.</summary>
    public static string Outcome(FailureKind kind) => kind switch
    {
        FailureKind.None => "success",
        FailureKind.Auth => "auth",
        FailureKind.Quota => "quota",
        FailureKind.RateLimit => "rate_limit",
        FailureKind.Transient => "transient",
        FailureKind.Network => "network",
        FailureKind.Timeout => "timeout",
        FailureKind.Client => "client",
        _ => "other",
    };
}
