using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Health;

/// <summary>The registry's change notifications and last errors, straight from recorded outcomes.</summary>
public sealed class HealthChangeTests
{
    private const string KeyA = "sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-aaaa";
    private const string KeyB = "sk-ant-api03-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB-bbbb";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ChannelConfig _channel = new() { Id = "ch_relay", Name = "relay", ServiceType = ServiceType.Claude, BaseUrl = "https://relay.example.com", ApiKeys = [KeyA, KeyB] };
    private readonly HealthRegistry _health;
    private readonly List<HealthChange> _changes = [];

    public HealthChangeTests()
    {
        _health = new HealthRegistry(_time, new HealthOptions());
        _health.Changed += _changes.Add;
    }

    private static AttemptOutcome Failed(FailureKind kind, int? status = 500, string? message = null) => new(kind, status, TimeSpan.FromMilliseconds(5), Message: message);

    private static AttemptOutcome Ok => new(FailureKind.None, 200, TimeSpan.FromMilliseconds(5));

    [Fact]
    public void A_rested_key_is_reported_with_its_reason_and_end_and_reported_back_at_its_next_success_only()
    {
        var now = _time.GetUtcNow();

        _health.Record(_channel, KeyB, Failed(FailureKind.Auth, 401));
        _health.Record(_channel, KeyB, Ok);
        _health.Record(_channel, KeyB, Ok);

        Assert.Equal([HealthChangeKind.KeyRested, HealthChangeKind.KeyBack], _changes.Select(c => c.Kind));
        var rested = _changes[0];
        Assert.Equal(("ch_relay", "relay", 1, FailureKind.Auth, 401), (rested.ChannelId, rested.ChannelName, rested.KeyIndex, rested.Reason, rested.Status));
        Assert.Equal(now + TimeSpan.FromMinutes(10), rested.Until);
        Assert.DoesNotContain(KeyB, rested.Key, StringComparison.Ordinal);
        Assert.Equal(rested.Key, _changes[1].Key);
    }

    [Fact]
    public void A_bad_request_rests_no_key_and_is_no_last_error()
    {
        _health.Record(_channel, KeyA, Failed(FailureKind.Client, 400, "bad request"));

        Assert.Empty(_changes);
        Assert.Null(_health.Snapshot(new ProxyConfig { Upstream = [_channel] })[0].Keys[0].LastError);
    }

    [Fact]
    public void The_circuit_is_reported_opened_half_open_and_closed_in_turn()
    {
        var start = _time.GetUtcNow();
        for (var i = 0; i < 4; i++)
        {
            _health.Record(_channel, KeyA, Failed(FailureKind.Transient));
        }

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_health.TryEnterChannel(_channel));
        Assert.False(_health.TryEnterChannel(_channel));
        _health.Record(_channel, KeyA, Ok);

        var circuit = _changes.Where(c => c.Kind is HealthChangeKind.CircuitOpened or HealthChangeKind.CircuitHalfOpen or HealthChangeKind.CircuitClosed).ToList();
        Assert.Equal([HealthChangeKind.CircuitOpened, HealthChangeKind.CircuitHalfOpen, HealthChangeKind.CircuitClosed], circuit.Select(c => c.Kind));
        Assert.Equal(start + TimeSpan.FromSeconds(30), circuit[0].Until);
        Assert.All(circuit, c => Assert.Null(c.Key));
    }

    [Fact]
    public void Changes_are_raised_outside_the_registry_lock()
    {
        var otherThreadGotIn = new List<bool>();
        _health.Changed += _ => otherThreadGotIn.Add(Task.Run(() => _health.IsKeyAvailable(_channel, KeyA)).Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        _health.Record(_channel, KeyA, Failed(FailureKind.RateLimit, 429));

        Assert.Equal([true], otherThreadGotIn);
    }

    [Fact]
    public void The_last_error_keeps_a_short_message_with_every_key_masked()
    {
        var message = $"upstream said no to {KeyA} and {KeyB}: " + new string('x', 1_000);

        _health.Record(_channel, KeyA, Failed(FailureKind.Quota, 402, message));

        var error = _health.Snapshot(new ProxyConfig { Upstream = [_channel] })[0].Keys[0].LastError!;
        Assert.Equal((FailureKind.Quota, 402, _time.GetUtcNow()), (error.Kind, error.Status, error.Time));
        Assert.StartsWith("upstream said no to ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyB, error.Message, StringComparison.Ordinal);
        Assert.Equal(HealthRegistry.MaxMessageLength, error.Message!.Length);
    }
}
