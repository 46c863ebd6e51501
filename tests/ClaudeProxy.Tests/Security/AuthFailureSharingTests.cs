using ClaudeProxy.Security;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Security;

/// <summary>What the throttle tells the fleet of its failures, and how it takes in a lockout reached elsewhere.</summary>
public sealed class AuthFailureSharingTests
{
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(5);

    [Fact]
    public void Each_counted_failure_is_reported_and_the_one_that_locks_out_says_until_when()
    {
        var time = new FakeTimeProvider();
        var throttle = new AuthFailureThrottle(2, Lockout, time);
        var reported = new List<AuthFailure>();
        throttle.Counted += reported.Add;

        throttle.RecordFailure("10.0.0.1");
        throttle.RecordFailure("10.0.0.1");
        throttle.RecordFailure("10.0.0.1");

        Assert.Equal([new AuthFailure("10.0.0.1", null), new AuthFailure("10.0.0.1", time.GetUtcNow() + Lockout)], reported);
    }

    [Fact]
    public void A_lockout_reached_elsewhere_locks_the_address_out_here_until_it_ends()
    {
        var time = new FakeTimeProvider();
        var throttle = new AuthFailureThrottle(10, Lockout, time);

        Assert.True(throttle.ApplyLockout("10.0.0.2", time.GetUtcNow() + TimeSpan.FromMinutes(3)));

        Assert.Equal(TimeSpan.FromMinutes(3), throttle.LockedFor("10.0.0.2"));
        Assert.False(throttle.RecordFailure("10.0.0.2"));
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Null(throttle.LockedFor("10.0.0.2"));
    }

    [Fact]
    public void A_lockout_from_elsewhere_only_ever_extends_one_already_in_place()
    {
        var time = new FakeTimeProvider();
        var throttle = new AuthFailureThrottle(1, Lockout, time);
        throttle.RecordFailure("10.0.0.3");

        Assert.False(throttle.ApplyLockout("10.0.0.3", time.GetUtcNow() + TimeSpan.FromMinutes(1)));
        Assert.Equal(Lockout, throttle.LockedFor("10.0.0.3"));
        Assert.True(throttle.ApplyLockout("10.0.0.3", time.GetUtcNow() + TimeSpan.FromMinutes(8)));
        Assert.Equal(TimeSpan.FromMinutes(8), throttle.LockedFor("10.0.0.3"));
    }

    [Fact]
    public void With_throttling_off_or_a_lockout_already_over_nothing_is_locked_out()
    {
        var time = new FakeTimeProvider();

        Assert.False(new AuthFailureThrottle(0, Lockout, time).ApplyLockout("10.0.0.4", time.GetUtcNow() + Lockout));
        var throttle = new AuthFailureThrottle(10, Lockout, time);
        Assert.False(throttle.ApplyLockout("10.0.0.4", time.GetUtcNow()));
        Assert.Null(throttle.LockedFor("10.0.0.4"));
    }
}
