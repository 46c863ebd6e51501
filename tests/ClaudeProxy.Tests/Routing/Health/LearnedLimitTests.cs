using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Health;

/// <summary>Rests learned from an answer's rate-limit headers: apart from failures, capped, visible, recovering on the clock.</summary>
public sealed class LearnedLimitTests
{
    private const string KeyA = "sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-aaaa";
    private const string KeyB = "sk-ant-api03-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB-bbbb";
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ChannelConfig _channel = new() { Id = "ch_relay", Name = "relay", ServiceType = ServiceType.Claude, BaseUrl = "https://relay.example.com", ApiKeys = [KeyA, KeyB] };
    private readonly HealthRegistry _health;
    private readonly List<HealthChange> _changes = [];

    public LearnedLimitTests()
    {
        _health = new HealthRegistry(_time, new HealthOptions());
        _health.Changed += _changes.Add;
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private static AttemptOutcome Ok => new(FailureKind.None, 200, TimeSpan.FromMilliseconds(5));

    private KeyHealthSnapshot Key(int index) => _health.Snapshot(new ProxyConfig { Upstream = [_channel] })[0].Keys[index];

    [Fact]
    public void A_learned_limit_rests_the_key_until_the_reset_and_it_is_back_exactly_then()
    {
        var reset = Now.AddSeconds(30);

        _health.RecordLimitReached(_channel, KeyA, reset, 200);

        Assert.Equal(reset, _health.KeyAvailableAt(_channel, KeyA));
        Assert.False(_health.IsKeyAvailable(_channel, KeyA));
        Assert.True(_health.IsKeyAvailable(_channel, KeyB));
        _time.Advance(TimeSpan.FromSeconds(30) - Tick);
        Assert.False(_health.IsKeyAvailable(_channel, KeyA));
        _time.Advance(Tick);
        Assert.True(_health.IsKeyAvailable(_channel, KeyA));
    }

    [Fact]
    public void The_success_of_the_answer_that_taught_the_limit_does_not_end_the_rest()
    {
        var reset = Now.AddSeconds(30);

        _health.RecordLimitReached(_channel, KeyA, reset, 200);
        _health.Record(_channel, KeyA, Ok);

        Assert.Equal(reset, _health.KeyAvailableAt(_channel, KeyA));
        Assert.Equal([HealthChangeKind.KeyRested], _changes.Select(c => c.Kind));
    }

    [Fact]
    public void A_learned_limit_counts_as_no_failure_of_the_key_or_the_channel()
    {
        for (var i = 0; i < 10; i++)
        {
            _health.RecordLimitReached(_channel, KeyA, Now.AddSeconds(30 + i), 200);
            _health.Record(_channel, KeyA, Ok);
        }

        var key = Key(0);
        var channel = _health.Snapshot(new ProxyConfig { Upstream = [_channel] })[0];
        Assert.Equal((0L, 0, (FailureKind?)null, (KeyLastError?)null), (key.Failures, key.ConsecutiveFailures, key.LastFailure, key.LastError));
        Assert.Equal(10L, key.Successes);
        Assert.Equal((CircuitState.Closed, 0.0), (channel.Circuit, channel.RecentFailureRate));
    }

    [Fact]
    public void A_learned_rest_is_capped_at_an_hour()
    {
        _health.RecordLimitReached(_channel, KeyA, Now.AddDays(2), 200);

        Assert.Equal(Now + HealthRegistry.MaxLearnedRest, _health.KeyAvailableAt(_channel, KeyA));
        Assert.Equal(TimeSpan.FromHours(1), HealthRegistry.MaxLearnedRest);
    }

    [Fact]
    public void A_reset_in_the_past_or_now_changes_nothing()
    {
        _health.RecordLimitReached(_channel, KeyA, Now.AddSeconds(-5), 200);
        _health.RecordLimitReached(_channel, KeyA, Now, 200);

        Assert.True(_health.IsKeyAvailable(_channel, KeyA));
        Assert.False(Key(0).CoolingDown);
        Assert.Empty(_changes);
    }

    [Fact]
    public void An_earlier_reset_does_not_shorten_a_learned_rest()
    {
        var later = Now.AddSeconds(40);
        _health.RecordLimitReached(_channel, KeyA, later, 200);

        _health.RecordLimitReached(_channel, KeyA, Now.AddSeconds(10), 200);

        Assert.Equal(later, _health.KeyAvailableAt(_channel, KeyA));
    }

    [Fact]
    public void A_failure_cooldown_and_a_learned_limit_rest_the_key_until_the_later_of_the_two()
    {
        _health.Record(_channel, KeyA, new AttemptOutcome(FailureKind.RateLimit, 429, TimeSpan.FromMilliseconds(5)));
        _health.RecordLimitReached(_channel, KeyA, Now.AddSeconds(45), 429);

        Assert.Equal(Now.AddSeconds(45), _health.KeyAvailableAt(_channel, KeyA));
        Assert.Equal(KeyRestReason.LimitReached, Key(0).RestReason);

        _health.Record(_channel, KeyB, new AttemptOutcome(FailureKind.Auth, 401, TimeSpan.FromMilliseconds(5)));
        _health.RecordLimitReached(_channel, KeyB, Now.AddSeconds(45), 401);

        Assert.Equal(Now.AddMinutes(10), _health.KeyAvailableAt(_channel, KeyB));
        Assert.Equal(KeyRestReason.After(FailureKind.Auth), Key(1).RestReason);
    }

    [Fact]
    public void The_snapshot_shows_the_learned_rest_with_its_end_and_reason_until_it_is_over()
    {
        var reset = Now.AddSeconds(30);
        _health.RecordLimitReached(_channel, KeyA, reset, 200);

        var resting = Key(0);
        Assert.Equal((true, reset, KeyRestReason.LimitReached), (resting.CoolingDown, resting.CooldownUntil, resting.RestReason));
        Assert.Equal("rate limit reached (learned from the upstream's headers)", resting.RestReason);
        Assert.Null(Key(1).RestReason);

        _time.Advance(TimeSpan.FromSeconds(30));
        var back = Key(0);
        Assert.Equal((false, (DateTimeOffset?)null, (string?)null), (back.CoolingDown, back.CooldownUntil, back.RestReason));
    }

    [Fact]
    public void A_learned_rest_is_reported_once_with_its_end_and_the_key_back_at_its_first_success_after_it()
    {
        var reset = Now.AddSeconds(30);

        _health.RecordLimitReached(_channel, KeyB, reset, 200);
        _health.RecordLimitReached(_channel, KeyB, reset, 200);
        _health.Record(_channel, KeyB, Ok);
        _time.Advance(TimeSpan.FromSeconds(30));
        _health.Record(_channel, KeyB, Ok);

        Assert.Equal([HealthChangeKind.KeyRested, HealthChangeKind.KeyBack], _changes.Select(c => c.Kind));
        var rested = _changes[0];
        Assert.Equal((1, FailureKind.RateLimit, 200, reset), (rested.KeyIndex, rested.Reason, rested.Status, rested.Until));
        Assert.DoesNotContain(KeyB, rested.Key, StringComparison.Ordinal);
    }
}
