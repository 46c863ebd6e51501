using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Health;

/// <summary>Passive health: keys rest after failures, channels open their circuit, everything recovers on the clock.</summary>
public sealed class HealthRegistryTests
{
    private const string KeyA = "sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-aaaa";
    private const string KeyB = "sk-ant-api03-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB-bbbb";
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ChannelConfig _channel = Channel("ch_relay", KeyA, KeyB);

    private static ChannelConfig Channel(string id, params string[] keys) =>
        new() { Id = id, ServiceType = ServiceType.Claude, BaseUrl = $"https://{id}.example.com", ApiKeys = keys };

    private static AttemptOutcome Failed(FailureKind kind, TimeSpan? retryAfter = null) => new(kind, 500, TimeSpan.FromMilliseconds(50), retryAfter);

    private static AttemptOutcome Ok => new(FailureKind.None, 200, TimeSpan.FromMilliseconds(50));

    private HealthRegistry Registry(HealthOptions? options = null) => new(_time, options ?? new HealthOptions());

    private void RecordMany(HealthRegistry health, AttemptOutcome outcome, int count)
    {
        for (var i = 0; i < count; i++)
        {
            health.Record(_channel, KeyA, outcome);
        }
    }

    [Fact]
    public void An_unknown_key_is_available()
    {
        var health = Registry();

        Assert.True(health.IsKeyAvailable(_channel, KeyA));
        Assert.Equal(DateTimeOffset.MinValue, health.KeyAvailableAt(_channel, KeyA));
    }

    [Theory]
    [InlineData(FailureKind.Transient, 5)]
    [InlineData(FailureKind.Network, 5)]
    [InlineData(FailureKind.Timeout, 10)]
    [InlineData(FailureKind.RateLimit, 20)]
    [InlineData(FailureKind.Auth, 600)]
    [InlineData(FailureKind.Quota, 1_800)]
    public void A_failed_key_rests_for_the_policy_delay_and_is_back_exactly_after_it(FailureKind kind, int seconds)
    {
        var health = Registry();
        var failedAt = _time.GetUtcNow();

        health.Record(_channel, KeyA, Failed(kind));

        Assert.Equal(failedAt + TimeSpan.FromSeconds(seconds), health.KeyAvailableAt(_channel, KeyA));
        Assert.False(health.IsKeyAvailable(_channel, KeyA));
        Assert.True(health.IsKeyAvailable(_channel, KeyB));
        _time.Advance(TimeSpan.FromSeconds(seconds) - Tick);
        Assert.False(health.IsKeyAvailable(_channel, KeyA));
        _time.Advance(Tick);
        Assert.True(health.IsKeyAvailable(_channel, KeyA));
    }

    [Fact]
    public void Failures_in_a_row_double_the_rest()
    {
        var health = Registry();

        foreach (var seconds in new[] { 5, 10, 20, 40, 80, 120, 120 })
        {
            health.Record(_channel, KeyA, Failed(FailureKind.Transient));
            Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(seconds), health.KeyAvailableAt(_channel, KeyA));
            _time.Advance(TimeSpan.FromSeconds(seconds));
            Assert.True(health.IsKeyAvailable(_channel, KeyA));
        }
    }

    [Fact]
    public void A_rate_limit_rests_the_key_for_the_upstream_Retry_After()
    {
        var health = Registry();

        health.Record(_channel, KeyA, Failed(FailureKind.RateLimit, retryAfter: TimeSpan.FromSeconds(90)));

        _time.Advance(TimeSpan.FromSeconds(90) - Tick);
        Assert.False(health.IsKeyAvailable(_channel, KeyA));
        _time.Advance(Tick);
        Assert.True(health.IsKeyAvailable(_channel, KeyA));
    }

    [Fact]
    public void A_success_resets_the_key()
    {
        var health = Registry();
        RecordMany(health, Failed(FailureKind.RateLimit), 3);
        Assert.False(health.IsKeyAvailable(_channel, KeyA));

        health.Record(_channel, KeyA, Ok);

        Assert.True(health.IsKeyAvailable(_channel, KeyA));
        health.Record(_channel, KeyA, Failed(FailureKind.RateLimit));
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(20), health.KeyAvailableAt(_channel, KeyA));
    }

    [Fact]
    public void A_bad_request_leaves_the_key_healthy()
    {
        var health = Registry();

        RecordMany(health, Failed(FailureKind.Client), 10);

        Assert.True(health.IsKeyAvailable(_channel, KeyA));
        var key = health.Snapshot(Config(_channel))[0].Keys[0];
        Assert.False(key.CoolingDown);
        Assert.Equal(0, key.ConsecutiveFailures);
        Assert.Equal(0, key.Failures);
        Assert.Null(key.LastFailure);
    }

    [Fact]
    public void A_bad_request_between_failures_neither_resets_nor_extends_the_streak()
    {
        var health = Registry();
        health.Record(_channel, KeyA, Failed(FailureKind.Transient));
        _time.Advance(TimeSpan.FromSeconds(5));

        health.Record(_channel, KeyA, Failed(FailureKind.Client));
        Assert.True(health.IsKeyAvailable(_channel, KeyA));
        health.Record(_channel, KeyA, Failed(FailureKind.Transient));

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(10), health.KeyAvailableAt(_channel, KeyA));
    }

    [Fact]
    public void The_same_key_in_two_channels_rests_separately()
    {
        var health = Registry();
        var other = Channel("ch_other", KeyA);

        health.Record(_channel, KeyA, Failed(FailureKind.Auth));

        Assert.False(health.IsKeyAvailable(_channel, KeyA));
        Assert.True(health.IsKeyAvailable(other, KeyA));
    }

    [Fact]
    public void The_circuit_opens_once_the_window_holds_the_minimum_number_of_samples()
    {
        var health = Registry();

        RecordMany(health, Failed(FailureKind.Transient), 3);
        Assert.True(health.TryEnterChannel(_channel));

        health.Record(_channel, KeyA, Failed(FailureKind.Transient));
        Assert.False(health.TryEnterChannel(_channel));
        Assert.False(health.TryEnterChannel(_channel));
    }

    [Theory]
    [InlineData(FailureKind.Transient)]
    [InlineData(FailureKind.Network)]
    [InlineData(FailureKind.Timeout)]
    public void Channel_failures_open_the_circuit(FailureKind kind)
    {
        var health = Registry();

        RecordMany(health, Failed(kind), 4);

        Assert.False(health.TryEnterChannel(_channel));
        var snapshot = health.Snapshot(Config(_channel))[0];
        Assert.Equal(CircuitState.Open, snapshot.Circuit);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), snapshot.OpenUntil);
    }

    [Fact]
    public void The_circuit_opens_at_the_failure_rate_threshold_not_below_it()
    {
        var health = Registry();
        RecordMany(health, Ok, 3);

        RecordMany(health, Failed(FailureKind.Transient), 2);
        Assert.True(health.TryEnterChannel(_channel)); // 2 of 5 = 40 %

        health.Record(_channel, KeyA, Failed(FailureKind.Transient));
        Assert.False(health.TryEnterChannel(_channel)); // 3 of 6 = 50 %
    }

    [Fact]
    public void A_lower_minimum_opens_the_circuit_sooner()
    {
        var health = Registry(new HealthOptions { MinimumSamples = 2, FailureRateThreshold = 1.0 });

        health.Record(_channel, KeyA, Failed(FailureKind.Transient));
        Assert.True(health.TryEnterChannel(_channel));
        health.Record(_channel, KeyA, Failed(FailureKind.Transient));

        Assert.False(health.TryEnterChannel(_channel));
    }

    [Fact]
    public void After_its_rest_an_open_circuit_lets_exactly_one_probe_through_and_a_success_closes_it()
    {
        var health = Registry();
        RecordMany(health, Failed(FailureKind.Transient), 4);

        _time.Advance(TimeSpan.FromSeconds(30) - Tick);
        Assert.False(health.TryEnterChannel(_channel));
        _time.Advance(Tick);
        Assert.True(health.TryEnterChannel(_channel));
        Assert.Equal(CircuitState.HalfOpen, health.Snapshot(Config(_channel))[0].Circuit);
        Assert.False(health.TryEnterChannel(_channel));

        health.Record(_channel, KeyB, Ok);

        Assert.Equal(CircuitState.Closed, health.Snapshot(Config(_channel))[0].Circuit);
        Assert.True(health.TryEnterChannel(_channel));
        Assert.True(health.TryEnterChannel(_channel));
    }

    [Fact]
    public void A_failed_probe_reopens_the_circuit_for_twice_as_long_up_to_the_maximum()
    {
        var health = Registry();
        RecordMany(health, Failed(FailureKind.Transient), 4);
        _time.Advance(TimeSpan.FromSeconds(30));

        foreach (var seconds in new[] { 60, 120, 240, 300, 300 })
        {
            Assert.True(health.TryEnterChannel(_channel));
            health.Record(_channel, KeyB, Failed(FailureKind.Timeout));

            Assert.Equal(CircuitState.Open, health.Snapshot(Config(_channel))[0].Circuit);
            _time.Advance(TimeSpan.FromSeconds(seconds) - Tick);
            Assert.False(health.TryEnterChannel(_channel));
            _time.Advance(Tick);
        }
    }

    [Fact]
    public void A_circuit_closed_after_a_good_probe_starts_again_from_the_first_rest()
    {
        var health = Registry();
        RecordMany(health, Failed(FailureKind.Transient), 4);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(health.TryEnterChannel(_channel));
        health.Record(_channel, KeyB, Failed(FailureKind.Transient)); // reopened for 60 s
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.True(health.TryEnterChannel(_channel));
        health.Record(_channel, KeyB, Ok);

        RecordMany(health, Failed(FailureKind.Transient), 4);

        _time.Advance(TimeSpan.FromSeconds(30) - Tick);
        Assert.False(health.TryEnterChannel(_channel));
        _time.Advance(Tick);
        Assert.True(health.TryEnterChannel(_channel));
    }

    [Fact]
    public void A_probe_whose_outcome_never_comes_back_does_not_block_the_channel_forever()
    {
        var health = Registry();
        RecordMany(health, Failed(FailureKind.Transient), 4);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(health.TryEnterChannel(_channel));

        _time.Advance(TimeSpan.FromSeconds(30) - Tick);
        Assert.False(health.TryEnterChannel(_channel));
        _time.Advance(Tick);
        Assert.True(health.TryEnterChannel(_channel));
    }

    [Fact]
    public void Failures_that_left_the_window_are_forgotten()
    {
        var health = Registry();
        RecordMany(health, Failed(FailureKind.Transient), 3);

        _time.Advance(TimeSpan.FromSeconds(61));
        health.Record(_channel, KeyA, Failed(FailureKind.Transient));

        Assert.True(health.TryEnterChannel(_channel));
        Assert.Equal(1, health.Snapshot(Config(_channel))[0].RecentOutcomes);

        RecordMany(health, Failed(FailureKind.Transient), 3);
        Assert.False(health.TryEnterChannel(_channel));
    }

    [Theory]
    [InlineData(FailureKind.Auth)]
    [InlineData(FailureKind.Quota)]
    [InlineData(FailureKind.RateLimit)]
    [InlineData(FailureKind.Client)]
    public void Key_and_request_failures_do_not_count_against_the_channel(FailureKind kind)
    {
        var health = Registry();

        RecordMany(health, Failed(kind), 20);

        Assert.True(health.TryEnterChannel(_channel));
        var snapshot = health.Snapshot(Config(_channel))[0];
        Assert.Equal(CircuitState.Closed, snapshot.Circuit);
        Assert.Equal(0, snapshot.RecentOutcomes);
    }

    [Fact]
    public void Key_failures_do_not_dilute_the_channel_failure_rate_either()
    {
        var health = Registry();
        RecordMany(health, Failed(FailureKind.Quota), 10);

        RecordMany(health, Failed(FailureKind.Transient), 4);

        Assert.False(health.TryEnterChannel(_channel));
    }

    [Fact]
    public void Channels_have_separate_circuits()
    {
        var health = Registry();
        var other = Channel("ch_other", KeyA);

        RecordMany(health, Failed(FailureKind.Transient), 4);

        Assert.False(health.TryEnterChannel(_channel));
        Assert.True(health.TryEnterChannel(other));
    }

    [Fact]
    public void The_snapshot_masks_keys_and_reports_cooldowns()
    {
        var health = Registry();
        var failedAt = _time.GetUtcNow();
        health.Record(_channel, KeyA, Failed(FailureKind.Quota));
        health.Record(_channel, KeyB, Ok);
        _time.Advance(TimeSpan.FromMinutes(1));

        var channel = Assert.Single(health.Snapshot(Config(_channel)));

        Assert.Equal("ch_relay", channel.ChannelId);
        Assert.Equal(CircuitState.Closed, channel.Circuit);
        Assert.Null(channel.OpenUntil);
        Assert.Equal(1, channel.RecentOutcomes);
        Assert.Equal(0.0, channel.RecentFailureRate);
        Assert.Equal(2, channel.Keys.Count);

        var exhausted = channel.Keys[0];
        Assert.Equal(0, exhausted.Index);
        Assert.True(exhausted.CoolingDown);
        Assert.Equal(failedAt + TimeSpan.FromMinutes(30), exhausted.CooldownUntil);
        Assert.Equal(1, exhausted.ConsecutiveFailures);
        Assert.Equal(FailureKind.Quota, exhausted.LastFailure);
        Assert.Equal(failedAt, exhausted.LastFailureAt);
        Assert.Equal(1, exhausted.Failures);
        Assert.Equal(0, exhausted.Successes);

        var working = channel.Keys[1];
        Assert.Equal(1, working.Index);
        Assert.False(working.CoolingDown);
        Assert.Null(working.CooldownUntil);
        Assert.Null(working.LastFailure);
        Assert.Equal(failedAt, working.LastSuccessAt);
        Assert.Equal(1, working.Successes);

        Assert.NotEqual(exhausted.Fingerprint, working.Fingerprint);
        var rendered = channel + string.Concat(channel.Keys.Select(k => k.ToString()));
        Assert.Contains(exhausted.Fingerprint, rendered, StringComparison.Ordinal);
        foreach (var secret in new[] { KeyA, KeyB, "AAAAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBBBB" })
        {
            Assert.DoesNotContain(secret, rendered, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_snapshot_stops_reporting_a_cooldown_once_it_is_over()
    {
        var health = Registry();
        health.Record(_channel, KeyA, Failed(FailureKind.Transient));

        _time.Advance(TimeSpan.FromSeconds(5));

        var key = health.Snapshot(Config(_channel))[0].Keys[0];
        Assert.False(key.CoolingDown);
        Assert.Null(key.CooldownUntil);
        Assert.Equal(FailureKind.Transient, key.LastFailure);
    }

    [Fact]
    public void The_snapshot_reports_an_open_circuit_and_its_recent_failure_rate()
    {
        var health = Registry();
        var other = Channel("ch_other", KeyB);
        RecordMany(health, Failed(FailureKind.Transient), 4);
        health.Record(other, KeyB, Ok);
        health.Record(other, KeyB, Failed(FailureKind.Network));

        var snapshots = health.Snapshot(Config(_channel, other));

        Assert.Equal(CircuitState.Open, snapshots[0].Circuit);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), snapshots[0].OpenUntil);
        Assert.Equal(CircuitState.Closed, snapshots[1].Circuit);
        Assert.Equal(2, snapshots[1].RecentOutcomes);
        Assert.Equal(0.5, snapshots[1].RecentFailureRate);
    }

    private static ProxyConfig Config(params ChannelConfig[] channels) => new() { Upstream = channels };
}
