using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Health;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Health;

/// <summary>Per-key caps: requests in flight until their lease is disposed, and starts in a rolling minute on the fake clock.</summary>
public sealed class KeyLimiterTests
{
    private const string KeyA = "sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-aaaa";
    private const string KeyB = "sk-ant-api03-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB-bbbb";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly KeyLimiter _limiter;

    public KeyLimiterTests() => _limiter = new KeyLimiter(_time);

    private static ChannelConfig Channel(int? maxConcurrency = null, int? rpm = null) => new()
    {
        Id = "ch_relay", Name = "relay", ServiceType = ServiceType.Claude, BaseUrl = "https://relay.example.com",
        ApiKeys = [KeyA, KeyB], MaxConcurrency = maxConcurrency, Rpm = rpm,
    };

    [Fact]
    public void A_key_at_its_concurrency_cap_takes_no_more_until_a_lease_is_disposed()
    {
        var channel = Channel(maxConcurrency: 2);

        using var first = _limiter.TryAcquire(channel, KeyA);
        var second = _limiter.TryAcquire(channel, KeyA);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.False(_limiter.HasRoom(channel, KeyA));
        Assert.Null(_limiter.TryAcquire(channel, KeyA));
        Assert.Equal((2, KeyLimiter.ConcurrencyCap), _limiter.Usage(channel, KeyA));
        Assert.True(_limiter.HasRoom(channel, KeyB));

        second!.Dispose();
        second.Dispose();

        Assert.Equal((1, (string?)null), _limiter.Usage(channel, KeyA));
        using var third = _limiter.TryAcquire(channel, KeyA);
        Assert.NotNull(third);
    }

    [Fact]
    public void Without_caps_every_request_is_taken_and_still_counted_in_flight()
    {
        var channel = Channel();

        var leases = Enumerable.Range(0, 5).Select(_ => _limiter.TryAcquire(channel, KeyA)).ToList();

        Assert.All(leases, Assert.NotNull);
        Assert.Equal((5, (string?)null), _limiter.Usage(channel, KeyA));
        leases.ForEach(l => l!.Dispose());
        Assert.Equal(0, _limiter.Usage(channel, KeyA).InFlight);
    }

    [Fact]
    public void The_rpm_window_slides_with_the_clock()
    {
        var channel = Channel(rpm: 2);

        _limiter.TryAcquire(channel, KeyA)!.Dispose();
        _time.Advance(TimeSpan.FromSeconds(20));
        _limiter.TryAcquire(channel, KeyA)!.Dispose();

        // Finished requests still count: rpm is about starts, not requests in flight.
        Assert.Null(_limiter.TryAcquire(channel, KeyA));
        Assert.Equal(KeyLimiter.RpmCap, _limiter.Usage(channel, KeyA).CappedBy);

        _time.Advance(TimeSpan.FromSeconds(40) - TimeSpan.FromTicks(1));
        Assert.False(_limiter.HasRoom(channel, KeyA));

        // The first start is a minute old: one slot is free, the second start still holds the other.
        _time.Advance(TimeSpan.FromTicks(1));
        var third = _limiter.TryAcquire(channel, KeyA);
        Assert.NotNull(third);
        Assert.Null(_limiter.TryAcquire(channel, KeyA));

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.NotNull(_limiter.TryAcquire(channel, KeyA));
    }

    [Fact]
    public void Lowering_rpm_applies_to_the_starts_already_made()
    {
        _limiter.TryAcquire(Channel(rpm: 3), KeyA)!.Dispose();
        _limiter.TryAcquire(Channel(rpm: 3), KeyA)!.Dispose();

        Assert.False(_limiter.HasRoom(Channel(rpm: 2), KeyA));
        Assert.True(_limiter.HasRoom(Channel(rpm: 3), KeyA));
    }

    [Fact]
    public void Concurrent_requests_never_take_more_than_the_cap()
    {
        var channel = Channel(maxConcurrency: 3);
        var taken = 0;
        var max = 0;

        Parallel.For(0, 2000, _ =>
        {
            if (_limiter.TryAcquire(channel, KeyA) is { } lease)
            {
                var now = Interlocked.Increment(ref taken);
                InterlockedMax(ref max, now);
                Interlocked.Decrement(ref taken);
                lease.Dispose();
            }
        });

        Assert.InRange(max, 1, 3);
        Assert.Equal(0, _limiter.Usage(channel, KeyA).InFlight);
    }

    [Fact]
    public void The_health_snapshot_shows_requests_in_flight_and_the_cap_reached()
    {
        var health = new HealthRegistry(_time, new HealthOptions(), _limiter);
        var channel = Channel(maxConcurrency: 1);
        using var lease = _limiter.TryAcquire(channel, KeyA);

        var keys = health.Snapshot(new ProxyConfig { Upstream = [channel] })[0].Keys;

        Assert.Equal((1, true, KeyLimiter.ConcurrencyCap), (keys[0].InFlight, keys[0].Capped, keys[0].CappedBy));
        Assert.Equal((0, false), (keys[1].InFlight, keys[1].Capped));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
