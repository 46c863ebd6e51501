using System.Collections.Concurrent;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Health;
using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// The fleet's count of a capped key's requests, on Redis: one sorted set of the slots held now (each expiring
/// <see cref="SlotLifetime"/> after it was last renewed, so an instance that dies never holds a slot for long) and
/// one of the starts of the last minute. Checking and taking are one script, on Redis's clock, so two instances
/// never both take a key's last slot and their own clocks do not matter. Held slots are renewed while their
/// requests last (a stream may run for minutes) and removed when they end. Only keys whose channel sets
/// <c>maxConcurrency</c> or <c>rpm</c> ever come here; an outage or no answer in <see cref="Wait"/> leaves the decision
/// to this instance's own count, so Redis never fails a request.
/// </summary>
public sealed class SharedKeyCaps : BackgroundService, ISharedKeyCaps
{
    public static readonly TimeSpan SlotLifetime = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a request waits for the shared count before going by this instance's count: as long as the connection
    /// itself waits for any answer. A cap keeps a promise to the upstream account, so a busy Redis is waited for; only
    /// an outage (not asked at all) or no answer in this time lets the instance's own count decide.
    /// </summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    // KEYS: slots, starts. ARGV: maxConcurrency (-1: none), rpm (-1: none), slot id, slot lifetime in ms, rpm window in ms.
    // Returns 1 granted, 2 at maxConcurrency, 3 at rpm.
    private const string TakeScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local max, rpm, life, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[4]), tonumber(ARGV[5])
        if max >= 0 then
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
          if redis.call('ZCARD', KEYS[1]) >= max then return 2 end
        end
        if rpm >= 0 then
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
          if redis.call('ZCARD', KEYS[2]) >= rpm then return 3 end
        end
        if max >= 0 then
          redis.call('ZADD', KEYS[1], now + life, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], life)
        end
        if rpm >= 0 then
          redis.call('ZADD', KEYS[2], now, ARGV[3])
          redis.call('PEXPIRE', KEYS[2], window)
        end
        return 1
        """;

    // KEYS: slots. ARGV: slot id, slot lifetime in ms. A slot already expired (after an outage, say) is not brought back.
    private const string RenewScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        if redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[2]), ARGV[1]) == 1 then
          redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
        end
        return 1
        """;

    private readonly FleetRedis _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<SharedKeyCaps> _logger;
    private readonly string _slotPrefix;
    private readonly ConcurrentDictionary<Slot, byte> _held = new();
    private long _nextSlot;

    public SharedKeyCaps(FleetRedis redis, FleetInstance self, TimeProvider time, ILogger<SharedKeyCaps> logger)
    {
        ArgumentNullException.ThrowIfNull(self);
        _redis = redis;
        _time = time;
        _logger = logger;
        _slotPrefix = $"{self.Id}:{self.Run}:";
    }

    /// <summary>The slots this instance holds in the shared count now.</summary>
    public int Held => _held.Count;

    /// <summary>Both sets of a key; the braces keep them on one node of a Redis Cluster, as one script needs.</summary>
    public static (RedisKey Slots, RedisKey Starts) Keys(string channelId, string keyFingerprint) =>
        (FleetRedis.Key($"cap:{{{channelId}:{keyFingerprint}}}:slots"), FleetRedis.Key($"cap:{{{channelId}:{keyFingerprint}}}:starts"));

    public async ValueTask<SharedCapHold> TryTakeAsync(ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!_redis.IsConnected)
        {
            return SharedCapHold.Unknown;
        }

        var (slots, starts) = Keys(channel.Id ?? "", KeyFingerprint.Of(apiKey));
        var slot = new Slot(this, slots, _slotPrefix + Interlocked.Increment(ref _nextSlot).ToString(System.Globalization.CultureInfo.InvariantCulture));
        RedisValue[] arguments =
        [
            channel.MaxConcurrency ?? -1, channel.Rpm ?? -1, slot.Id, (long)SlotLifetime.TotalMilliseconds, (long)KeyLimiter.RpmWindow.TotalMilliseconds,
        ];
        var answer = await BriefRedis.TryAsync(_redis, db => db.ScriptEvaluateAsync(TakeScript, [slots, starts], arguments), Wait, _time, _logger)
            .ConfigureAwait(false);
        switch (answer is null || answer.IsNull ? 0 : (int)answer)
        {
            case 1:
                if (channel.MaxConcurrency is null)
                {
                    // Only a start was counted: there is no slot to hold or give back.
                    return new SharedCapHold(SharedCapDecision.Granted);
                }

                _held.TryAdd(slot, 0);
                return new SharedCapHold(SharedCapDecision.Granted, slot);
            case 2 or 3:
                return SharedCapHold.Refused;
            default:
                // No answer in time: the script may still have run, so whatever it took is given back.
                slot.Release();
                return SharedCapHold.Unknown;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _redis.ConnectAsync().ConfigureAwait(false);
        using var timer = new PeriodicTimer(RenewInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RenewAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the slots still held expire by themselves.
        }
    }

    /// <summary>Pushes back the expiry of every slot held now, all in one round trip.</summary>
    public async Task RenewAsync()
    {
        if (_held.IsEmpty || !_redis.IsConnected)
        {
            return;
        }

        try
        {
            var db = _redis.Database;
            var lifetime = (long)SlotLifetime.TotalMilliseconds;
            await Task.WhenAll(_held.Keys.Select(slot => db.ScriptEvaluateAsync(RenewScript, [slot.Key], [slot.Id, lifetime]))).ConfigureAwait(false);
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex))
        {
            _redis.Failed(ex);
        }
    }

    private void Remove(Slot slot)
    {
        _held.TryRemove(slot, out _);
        if (!_redis.IsConnected)
        {
            // It expires by itself.
            return;
        }

        try
        {
            _redis.Database.SortedSetRemove(slot.Key, slot.Id, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex))
        {
            _redis.Failed(ex);
        }
    }

    /// <summary>One request's place in a key's shared slots; disposing it gives the place back.</summary>
    private sealed class Slot(SharedKeyCaps owner, RedisKey key, string id) : IDisposable
    {
        private int _released;

        public RedisKey Key { get; } = key;

        public string Id { get; } = id;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Remove(this);
            }
        }

        public void Dispose() => Release();
    }
}
