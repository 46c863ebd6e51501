using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Security;
using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// Shares key rests (failures and learned limits) and circuit changes with every instance on the same Redis.
/// The request path never waits for Redis: it reads this instance's <see cref="HealthRegistry"/>, which this
/// service keeps current from the other instances' messages. Each change seen here goes into a bounded queue
/// (the oldest dropped when Redis cannot keep up) and from there to Redis twice: a key that expires when the
/// rest ends (what an instance starting later, or coming back after an outage, catches up from) and a message
/// that reaches the instances listening now.
/// </summary>
public sealed partial class SharedHealth : BackgroundService
{
    public const int QueueCapacity = 1024;

    private static readonly RedisChannel Messages = FleetRedis.Channel("health");

    private readonly FleetRedis _redis;
    private readonly HealthRegistry _health;
    private readonly ConfigStore _config;
    private readonly FleetInstance _self;
    private readonly TimeProvider _time;
    private readonly ILogger<SharedHealth> _logger;
    private readonly RedisOutbox<HealthChange> _outbox = new(QueueCapacity);

    public SharedHealth(FleetRedis redis, HealthRegistry health, ConfigStore config, FleetInstance self, TimeProvider time, ILogger<SharedHealth> logger)
    {
        _redis = redis;
        _health = health;
        _config = config;
        _self = self;
        _time = time;
        _logger = logger;
        _health.Changed += Enqueue;
        _redis.Restored += () => _ = CatchUpAsync();
    }

    public static RedisKey RestKey(string channelId, string keyId) => FleetRedis.Key($"health:rest:{channelId}:{keyId}");

    public static RedisKey CircuitKey(string channelId) => FleetRedis.Key($"health:circuit:{channelId}");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _redis.ConnectAsync().ConfigureAwait(false);
        await _redis.SubscribeAsync(Messages, (_, message) => Receive(message)).ConfigureAwait(false);
        await CatchUpAsync().ConfigureAwait(false);
        await _outbox.DrainAsync(SendAsync, stoppingToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _health.Changed -= Enqueue;
        base.Dispose();
    }

    // Changes that came from another instance are not sent back; a half-open circuit is each instance's own probe.
    private void Enqueue(HealthChange change)
    {
        if (change.Origin is null && change.Kind != HealthChangeKind.CircuitHalfOpen)
        {
            _outbox.TryAdd(change);
        }
    }

    private async Task SendAsync(HealthChange change)
    {
        var fact = HealthFact.From(change, _self);
        var json = JsonSerializer.Serialize(fact, FleetJsonContext.Default.HealthFact);
        var db = _redis.Database;
        try
        {
            var stored = (change.Kind, change.KeyId) switch
            {
                (HealthChangeKind.KeyRested, { } keyId) => Remember(db, RestKey(change.ChannelId, keyId), json, change.Until),
                (HealthChangeKind.KeyBack, { } keyId) => db.KeyDeleteAsync(RestKey(change.ChannelId, keyId)),
                (HealthChangeKind.CircuitOpened, _) => Remember(db, CircuitKey(change.ChannelId), json, change.Until),
                (HealthChangeKind.CircuitClosed, _) => db.KeyDeleteAsync(CircuitKey(change.ChannelId)),
                _ => Task.CompletedTask,
            };
            await Task.WhenAll(stored, _redis.Subscriber.PublishAsync(Messages, json)).ConfigureAwait(false);
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex))
        {
            _redis.Failed(ex);
        }
    }

    private Task Remember(IDatabase db, RedisKey key, string json, DateTimeOffset? until)
    {
        var left = (until ?? default) - _time.GetUtcNow();
        return left <= TimeSpan.Zero ? Task.CompletedTask : db.StringSetAsync(key, json, left);
    }

    /// <summary>Reads every rest and open circuit Redis still holds: at start, and when Redis is back after an outage.</summary>
    private async Task CatchUpAsync()
    {
        try
        {
            var applied = 0;
            await foreach (var value in _redis.ValuesAsync("health:*").ConfigureAwait(false))
            {
                if (Apply(value))
                {
                    applied++;
                }
            }

            LogCaughtUp(_logger, applied);
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex))
        {
            _redis.Failed(ex);
        }
    }

    private void Receive(RedisValue message)
    {
        try
        {
            Apply(message);
        }
        catch (JsonException ex)
        {
            LogUnreadable(_logger, ex.Message);
        }
    }

    private bool Apply(RedisValue message)
    {
        if (JsonSerializer.Deserialize((string)message!, FleetJsonContext.Default.HealthFact) is not { } fact || fact.Run == _self.Run)
        {
            return false;
        }

        var channel = _config.Current.Upstream.FirstOrDefault(c => string.Equals(c.Id, fact.ChannelId, StringComparison.Ordinal));
        if (channel is null)
        {
            return false;
        }

        var apiKey = fact.KeyId is null ? null : KeyFingerprint.Find(channel.ApiKeys, fact.KeyId);
        if (fact.KeyId is not null && apiKey is null)
        {
            return false;
        }

        var index = apiKey is null ? -1 : IndexOf(channel.ApiKeys, apiKey);
        _health.ApplyRemote(channel, apiKey, new HealthChange(fact.Kind, fact.Time, fact.ChannelId, channel.DisplayName,
            index < 0 ? null : index, apiKey is null ? null : SecretMask.Mask(apiKey), fact.Until, fact.Reason, fact.Status)
        {
            KeyId = fact.KeyId,
            LimitReached = fact.LimitReached,
            Origin = fact.Instance,
        });
        return true;
    }

    private static int IndexOf(IReadOnlyList<string> keys, string apiKey)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i], apiKey, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Took in {Count} key rests and circuits from Redis")]
    private static partial void LogCaughtUp(ILogger logger, int count);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Ignored an unreadable health message on Redis: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
