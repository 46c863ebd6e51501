using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Routing.Health;

/// <summary>Why a key rests, as the admin API shows it next to the rest's end.</summary>
public static class KeyRestReason
{
    /// <summary>An answer's rate-limit headers said the key had nothing left until a reset: not a failure.</summary>
    public const string LimitReached = "rate limit reached (learned from the upstream's headers)";

    public static string After(FailureKind failure) => failure switch
    {
        FailureKind.Auth => "key refused",
        FailureKind.Quota => "out of quota",
        FailureKind.RateLimit => "rate limited",
        FailureKind.Transient => "upstream error",
        FailureKind.Network => "connection failed",
        FailureKind.Timeout => "no answer in time",
        _ => failure.ApiName(),
    };
}
