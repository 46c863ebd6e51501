using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Routing.Health;

/// <summary>
/// How long a key rests after a failure: a base per kind of failure, doubled for each failure in a
/// row, capped. A rate limit honours the upstream's Retry-After. Nothing is benched forever: every
/// cooldown ends by itself, and a success resets the count.
/// </summary>
public static class CooldownPolicy
{
    public static TimeSpan For(FailureKind kind, int consecutiveFailures, TimeSpan? retryAfter)
    {
        var (baseDelay, cap) = kind switch
        {
            FailureKind.Auth => (TimeSpan.FromMinutes(10), TimeSpan.FromHours(6)),
            FailureKind.Quota => (TimeSpan.FromMinutes(30), TimeSpan.FromHours(6)),
            FailureKind.RateLimit => (TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(10)),
            FailureKind.Transient or FailureKind.Network => (TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2)),
            FailureKind.Timeout => (TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2)),
            _ => (TimeSpan.Zero, TimeSpan.Zero),
        };
        if (baseDelay == TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 20);
        var delay = TimeSpan.FromTicks(Math.Min(cap.Ticks, baseDelay.Ticks << exponent));
        if (kind == FailureKind.RateLimit && retryAfter is { } hint && hint > delay)
        {
            // The upstream knows when it will take requests again; trust it up to an hour.
            delay = hint < TimeSpan.FromHours(1) ? hint : TimeSpan.FromHours(1);
        }

        return delay;
    }
}
