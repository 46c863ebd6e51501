using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Health;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Health;

/// <summary>The limiter with a count shared by several instances: asked only for capped keys, after the local count has room.</summary>
public sealed class KeyLimiterSharedTests
{
    private const string Key = "sk-ant-api03-SHAREDSHAREDSHAREDSHAREDSHAREDSH-ssss";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedCaps _shared = new();
    private readonly KeyLimiter _limiter;

    public KeyLimiterSharedTests() => _limiter = new KeyLimiter(_time, _shared);

    private static ChannelConfig Channel(int? maxConcurrency = null, int? rpm = null) => new()
    {
        Id = "ch_relay", Name = "relay", ServiceType = ServiceType.Claude, BaseUrl = "https://relay.example.com",
        ApiKeys = [Key], MaxConcurrency = maxConcurrency, Rpm = rpm,
    };

    [Fact]
    public async Task A_key_of_a_channel_without_caps_is_never_counted_in_the_shared_count()
    {
        using var lease = await _limiter.TryAcquireAsync(Channel(), Key);

        Assert.NotNull(lease);
        Assert.Equal(0, _shared.Asked);
    }

    [Fact]
    public async Task A_slot_the_fleet_refuses_is_given_back_here_too_and_the_key_is_not_leased()
    {
        var channel = Channel(maxConcurrency: 2);
        _shared.Next = SharedCapHold.Refused;

        var lease = await _limiter.TryAcquireAsync(channel, Key);

        Assert.Null(lease);
        Assert.Equal(1, _shared.Asked);
        Assert.Equal((0, (string?)null), _limiter.Usage(channel, Key));
    }

    [Fact]
    public async Task A_granted_slot_is_given_back_to_the_fleet_once_when_the_lease_is_disposed()
    {
        var channel = Channel(maxConcurrency: 1);
        var slot = new CountingSlot();
        _shared.Next = new SharedCapHold(SharedCapDecision.Granted, slot);

        var lease = await _limiter.TryAcquireAsync(channel, Key);
        Assert.NotNull(lease);
        Assert.Equal((1, KeyLimiter.ConcurrencyCap), _limiter.Usage(channel, Key));
        lease.Dispose();
        lease.Dispose();

        Assert.Equal(1, slot.Disposed);
        Assert.Equal((0, (string?)null), _limiter.Usage(channel, Key));
    }

    [Fact]
    public async Task When_the_fleet_cannot_be_asked_the_local_count_decides_alone()
    {
        var channel = Channel(maxConcurrency: 1);
        _shared.Next = SharedCapHold.Unknown;

        using var first = await _limiter.TryAcquireAsync(channel, Key);
        var second = await _limiter.TryAcquireAsync(channel, Key);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(1, _shared.Asked);
    }

    private sealed class ScriptedCaps : ISharedKeyCaps
    {
        public SharedCapHold Next { get; set; } = SharedCapHold.Unknown;

        public int Asked { get; private set; }

        public ValueTask<SharedCapHold> TryTakeAsync(ChannelConfig channel, string apiKey)
        {
            Asked++;
            return ValueTask.FromResult(Next);
        }
    }

    private sealed class CountingSlot : IDisposable
    {
        public int Disposed { get; private set; }

        public void Dispose() => Disposed++;
    }
}
