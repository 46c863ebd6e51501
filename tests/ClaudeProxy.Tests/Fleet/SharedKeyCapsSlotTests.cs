using ClaudeProxy.Configuration;
using ClaudeProxy.Fleet;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>
/// The shared slots of a capped key in Redis, from two instances in this process: renewed while held, gone when given
/// back, taken over once they expire. Renewal runs on the fake clock; expiry is on Redis's clock, so the test ages a
/// slot by rewriting its expiry in Redis rather than waiting.
/// </summary>
public sealed class SharedKeyCapsSlotTests : IAsyncLifetime
{
    private const string Key = "sk-ant-api03-slot-test-key-0123456789abcdef";

    private static readonly ChannelConfig Channel = new()
    {
        Id = "ch_slots", Name = "slots", ServiceType = ServiceType.Claude, BaseUrl = "https://relay.example.com", ApiKeys = [Key], MaxConcurrency = 1,
    };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private RedisServer? _redis;
    private FleetRedis? _connection;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static RedisKey Slots => SharedKeyCaps.Keys(Channel.Id!, KeyFingerprint.Of(Key)).Slots;

    private IDatabase Db => _connection!.Database;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(Token);
        _connection = new FleetRedis(new GatewaySettings { RedisUrl = _redis.Url }, NullLogger<FleetRedis>.Instance);
        await _connection.ConnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _connection!.DisposeAsync();
        await _redis!.DisposeAsync();
    }

    private SharedKeyCaps Instance(string id) =>
        new(_connection!, new FleetInstance(id, "run-" + id, _time.GetUtcNow()), _time, NullLogger<SharedKeyCaps>.Instance);

    private async Task<long> RedisNowAsync()
    {
        var time = (RedisResult[])(await Db.ExecuteAsync("TIME"))!;
        return ((long)time[0] * 1000) + ((long)time[1] / 1000);
    }

    [Fact]
    public async Task A_held_slot_is_renewed_every_renew_interval_and_refuses_another_instance_meanwhile()
    {
        using var a = Instance("gw-a");
        using var b = Instance("gw-b");
        await a.StartAsync(Token);
        var held = await a.TryTakeAsync(Channel, Key);
        Assert.Equal(SharedCapDecision.Granted, held.Decision);
        var member = (await Db.SortedSetRangeByRankAsync(Slots)).Single();

        // Nearly expired, as if renewals had been missed: the next tick of the renewal pushes it a whole lifetime on.
        await Db.SortedSetAddAsync(Slots, member, await RedisNowAsync() + 1_000);
        _time.Advance(SharedKeyCaps.RenewInterval);
        await Eventually.HoldsAsync(async () => await Db.SortedSetScoreAsync(Slots, member) > await RedisNowAsync() + 20_000,
            "the renewal pushes the slot's expiry a lifetime ahead", Token);

        Assert.Equal(SharedCapDecision.Refused, (await b.TryTakeAsync(Channel, Key)).Decision);
        await a.StopAsync(Token);
        held.Slot!.Dispose();
    }

    [Fact]
    public async Task A_slot_given_back_is_removed_at_once_and_another_instance_takes_the_key()
    {
        using var a = Instance("gw-a");
        using var b = Instance("gw-b");
        var held = await a.TryTakeAsync(Channel, Key);
        Assert.Equal(1, a.Held);

        held.Slot!.Dispose();

        Assert.Equal(0, a.Held);
        await Eventually.HoldsAsync(async () => await Db.SortedSetLengthAsync(Slots) == 0, "the slot is removed from Redis", Token);
        var taken = await b.TryTakeAsync(Channel, Key);
        Assert.Equal(SharedCapDecision.Granted, taken.Decision);
        taken.Slot!.Dispose();
    }

    [Fact]
    public async Task A_slot_whose_holder_stopped_renewing_is_taken_over_once_it_has_expired()
    {
        using var dead = Instance("gw-dead");
        using var b = Instance("gw-b");
        var orphan = await dead.TryTakeAsync(Channel, Key);
        Assert.Equal(SharedCapDecision.Granted, orphan.Decision);
        Assert.Equal(SharedCapDecision.Refused, (await b.TryTakeAsync(Channel, Key)).Decision);

        // Its holder died: no renewal came, and its expiry is now in the past.
        var member = (await Db.SortedSetRangeByRankAsync(Slots)).Single();
        await Db.SortedSetAddAsync(Slots, member, await RedisNowAsync() - 1);

        var taken = await b.TryTakeAsync(Channel, Key);
        Assert.Equal(SharedCapDecision.Granted, taken.Decision);
        Assert.Equal(1, await Db.SortedSetLengthAsync(Slots));
        Assert.True(await Db.KeyTimeToLiveAsync(Slots) <= SharedKeyCaps.SlotLifetime, "the set itself expires with its last slot");
        taken.Slot!.Dispose();
    }
}
