using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>What another instance saw, taken into this instance's registry: rests, limits and circuits, on a fake clock.</summary>
public sealed class RemoteHealthTests
{
    private const string KeyA = "sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-aaaa";
    private const string KeyB = "sk-ant-api03-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB-bbbb";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ChannelConfig _channel = new() { Id = "ch_relay", Name = "relay", ServiceType = ServiceType.Claude, BaseUrl = "https://relay.example.com", ApiKeys = [KeyA, KeyB] };
    private readonly HealthRegistry _health;
    private readonly List<HealthChange> _changes = [];

    public RemoteHealthTests()
    {
        _health = new HealthRegistry(_time, new HealthOptions());
        _health.Changed += _changes.Add;
    }

    private HealthChange Remote(HealthChangeKind kind, TimeSpan? lasting = null, bool limit = false) =>
        new(kind, _time.GetUtcNow(), _channel.Id!, _channel.DisplayName, 0, "sk-…aaaa", lasting is null ? null : _time.GetUtcNow() + lasting, FailureKind.Auth, 401)
        {
            KeyId = KeyFingerprint.Of(KeyA),
            LimitReached = limit,
            Origin = "gw-a",
        };

    [Fact]
    public void A_remote_rest_benches_the_key_here_until_the_same_moment_and_is_raised_with_its_origin()
    {
        _health.ApplyRemote(_channel, KeyA, Remote(HealthChangeKind.KeyRested, TimeSpan.FromMinutes(10)));

        Assert.False(_health.IsKeyAvailable(_channel, KeyA));
        Assert.True(_health.IsKeyAvailable(_channel, KeyB));
        var key = _health.Snapshot(new ProxyConfig { Upstream = [_channel] })[0].Keys[0];
        Assert.Equal("key refused", key.RestReason);
        Assert.Equal("rested by instance gw-a", key.LastError!.Message);
        Assert.Equal("gw-a", Assert.Single(_changes).Origin);

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(_health.IsKeyAvailable(_channel, KeyA));
    }

    [Fact]
    public void A_remote_rest_that_ends_sooner_than_the_one_here_changes_nothing()
    {
        _health.Record(_channel, KeyA, new AttemptOutcome(FailureKind.Auth, 401, TimeSpan.Zero));
        var until = _health.KeyAvailableAt(_channel, KeyA);
        _changes.Clear();

        _health.ApplyRemote(_channel, KeyA, Remote(HealthChangeKind.KeyRested, TimeSpan.FromSeconds(5)));

        Assert.Equal(until, _health.KeyAvailableAt(_channel, KeyA));
        Assert.Empty(_changes);
    }

    [Fact]
    public void A_remote_learned_limit_is_not_ended_by_a_success_here()
    {
        _health.ApplyRemote(_channel, KeyA, Remote(HealthChangeKind.KeyRested, TimeSpan.FromMinutes(1), limit: true));
        _health.Record(_channel, KeyA, new AttemptOutcome(FailureKind.None, 200, TimeSpan.Zero));

        Assert.False(_health.IsKeyAvailable(_channel, KeyA));
    }

    [Fact]
    public void A_remote_key_back_ends_the_rest_here()
    {
        _health.ApplyRemote(_channel, KeyA, Remote(HealthChangeKind.KeyRested, TimeSpan.FromMinutes(10)));
        _health.ApplyRemote(_channel, KeyA, Remote(HealthChangeKind.KeyBack));

        Assert.True(_health.IsKeyAvailable(_channel, KeyA));
        Assert.Equal([HealthChangeKind.KeyRested, HealthChangeKind.KeyBack], _changes.Select(c => c.Kind));
    }

    [Fact]
    public void A_remote_circuit_opening_keeps_this_instance_off_the_channel_until_it_closes()
    {
        _health.ApplyRemote(_channel, null, Remote(HealthChangeKind.CircuitOpened, TimeSpan.FromSeconds(30)));
        Assert.True(_health.IsResting(_channel));
        Assert.False(_health.TryEnterChannel(_channel));

        _health.ApplyRemote(_channel, null, Remote(HealthChangeKind.CircuitClosed));
        Assert.False(_health.IsResting(_channel));
        Assert.True(_health.TryEnterChannel(_channel));
    }

    [Fact]
    public void A_remote_rest_already_over_changes_nothing()
    {
        _health.ApplyRemote(_channel, KeyA, Remote(HealthChangeKind.KeyRested, TimeSpan.FromSeconds(-1)));

        Assert.True(_health.IsKeyAvailable(_channel, KeyA));
        Assert.Empty(_changes);
    }

    [Fact]
    public void Changes_seen_here_carry_the_keys_fingerprint_and_no_origin()
    {
        _health.Record(_channel, KeyB, new AttemptOutcome(FailureKind.Auth, 401, TimeSpan.Zero));

        var change = Assert.Single(_changes);
        Assert.Equal(KeyFingerprint.Of(KeyB), change.KeyId);
        Assert.Null(change.Origin);
        Assert.Equal(KeyB, KeyFingerprint.Find(_channel.ApiKeys, change.KeyId!));
        Assert.DoesNotContain("BBBB", change.KeyId, StringComparison.Ordinal);
        Assert.Equal(24, change.KeyId!.Length);
    }
}
