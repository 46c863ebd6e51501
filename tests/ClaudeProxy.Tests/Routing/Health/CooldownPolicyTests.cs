using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Health;

/// <summary>How long a key rests after failing: a base per kind, doubled per failure in a row, capped.</summary>
public sealed class CooldownPolicyTests
{
    [Theory]
    [InlineData(FailureKind.Auth, 1, 600)]
    [InlineData(FailureKind.Auth, 2, 1_200)]
    [InlineData(FailureKind.Auth, 3, 2_400)]
    [InlineData(FailureKind.Auth, 6, 19_200)]
    [InlineData(FailureKind.Auth, 7, 21_600)]
    [InlineData(FailureKind.Quota, 1, 1_800)]
    [InlineData(FailureKind.Quota, 2, 3_600)]
    [InlineData(FailureKind.Quota, 4, 14_400)]
    [InlineData(FailureKind.Quota, 5, 21_600)]
    [InlineData(FailureKind.RateLimit, 1, 20)]
    [InlineData(FailureKind.RateLimit, 2, 40)]
    [InlineData(FailureKind.RateLimit, 5, 320)]
    [InlineData(FailureKind.RateLimit, 6, 600)]
    [InlineData(FailureKind.Transient, 1, 5)]
    [InlineData(FailureKind.Transient, 2, 10)]
    [InlineData(FailureKind.Transient, 5, 80)]
    [InlineData(FailureKind.Transient, 6, 120)]
    [InlineData(FailureKind.Network, 1, 5)]
    [InlineData(FailureKind.Network, 3, 20)]
    [InlineData(FailureKind.Network, 7, 120)]
    [InlineData(FailureKind.Timeout, 1, 10)]
    [InlineData(FailureKind.Timeout, 4, 80)]
    [InlineData(FailureKind.Timeout, 5, 120)]
    public void Starts_at_the_base_of_its_kind_and_doubles_per_failure_in_a_row_up_to_a_cap(FailureKind kind, int consecutiveFailures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), CooldownPolicy.For(kind, consecutiveFailures, retryAfter: null));

    [Theory]
    [InlineData(FailureKind.Auth, 21_600)]
    [InlineData(FailureKind.Quota, 21_600)]
    [InlineData(FailureKind.RateLimit, 600)]
    [InlineData(FailureKind.Transient, 120)]
    [InlineData(FailureKind.Network, 120)]
    [InlineData(FailureKind.Timeout, 120)]
    public void A_long_run_of_failures_stays_at_the_cap_without_overflowing(FailureKind kind, int capSeconds)
    {
        foreach (var count in new[] { 20, 21, 63, 64, 1_000, int.MaxValue })
        {
            Assert.Equal(TimeSpan.FromSeconds(capSeconds), CooldownPolicy.For(kind, count, retryAfter: null));
        }
    }

    [Theory]
    [InlineData(FailureKind.Transient, 5)]
    [InlineData(FailureKind.Quota, 1_800)]
    public void A_count_of_zero_means_the_base_delay(FailureKind kind, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), CooldownPolicy.For(kind, 0, retryAfter: null));

    [Theory]
    [InlineData(FailureKind.Client, 1)]
    [InlineData(FailureKind.Client, 5)]
    [InlineData(FailureKind.None, 1)]
    public void A_bad_request_or_a_success_rests_nothing(FailureKind kind, int consecutiveFailures)
    {
        Assert.Equal(TimeSpan.Zero, CooldownPolicy.For(kind, consecutiveFailures, retryAfter: null));
        Assert.Equal(TimeSpan.Zero, CooldownPolicy.For(kind, consecutiveFailures, retryAfter: TimeSpan.FromMinutes(5)));
    }

    [Theory]
    // Retry-After above the computed delay wins.
    [InlineData(1, 90, 90)]
    [InlineData(1, 21, 21)]
    [InlineData(6, 900, 900)]
    // Below it, the computed delay stays.
    [InlineData(1, 10, 20)]
    [InlineData(3, 30, 80)]
    [InlineData(6, 300, 600)]
    [InlineData(1, 0, 20)]
    // Capped at one hour.
    [InlineData(1, 3_600, 3_600)]
    [InlineData(1, 7_200, 3_600)]
    [InlineData(1, 86_400, 3_600)]
    public void A_rate_limit_honours_Retry_After_above_the_computed_delay_up_to_an_hour(int consecutiveFailures, int retryAfterSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), CooldownPolicy.For(FailureKind.RateLimit, consecutiveFailures, TimeSpan.FromSeconds(retryAfterSeconds)));
}
