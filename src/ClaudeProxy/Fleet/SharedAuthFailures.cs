using System.Text.Json;
using ClaudeProxy.Security;
using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// Counts failed key checks per client address across the fleet, so that guesses spread over several instances
/// lock the address out as they would on one. Each failure this instance counts goes through a bounded queue to a
/// per-address counter on Redis that expires a <see cref="AuthFailureThrottle.Window"/> after its first failure;
/// the failure that takes it to the limit (or a lockout this instance reached on its own) locks the address out
/// here, is kept on Redis until the lockout ends (for instances that start or reconnect later) and is published
/// to the others, which lock it out in their own <see cref="AuthFailureThrottle"/>. Checks never wait for Redis.
/// </summary>
public sealed partial class SharedAuthFailures : BackgroundService
{
    public const int QueueCapacity = 1024;

    private static readonly RedisChannel Lockouts = FleetRedis.Channel("auth:lockout");

    // The counter's window starts at its first failure; a fixed window is enough for a guard against guessing.
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    private readonly FleetRedis _redis;
    private readonly AuthFailureThrottle _throttle;
    private readonly FleetInstance _self;
    private readonly TimeProvider _time;
    private readonly ILogger<SharedAuthFailures> _logger;
    private readonly RedisOutbox<AuthFailure> _outbox = new(QueueCapacity);

    public SharedAuthFailures(FleetRedis redis, AuthFailureThrottle throttle, FleetInstance self, TimeProvider time, ILogger<SharedAuthFailures> logger)
    {
        _redis = redis;
        _throttle = throttle;
        _self = self;
        _time = time;
        _logger = logger;
        _throttle.Counted += Enqueue;
        _redis.Restored += () => _ = CatchUpAsync();
    }

    public static RedisKey CountKey(string address) => FleetRedis.Key("auth:failures:" + address);

    public static RedisKey LockKey(string address) => FleetRedis.Key("auth:lock:" + address);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _redis.ConnectAsync().ConfigureAwait(false);
        await _redis.SubscribeAsync(Lockouts, (_, message) => Receive(message)).ConfigureAwait(false);

        await CatchUpAsync().ConfigureAwait(false);
        await _outbox.DrainAsync(SendAsync, stoppingToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _throttle.Counted -= Enqueue;
        base.Dispose();
    }

    private void Enqueue(AuthFailure failure) => _outbox.TryAdd(failure);

    private async Task SendAsync(AuthFailure failure)
    {
        try
        {
            var db = _redis.Database;
            var until = failure.LockedUntil;
            if (until is null)
            {
                var count = (long)await db.ScriptEvaluateAsync(CountScript, [CountKey(failure.Address)], [(long)AuthFailureThrottle.Window.TotalMilliseconds])
                    .ConfigureAwait(false);
                if (count < _throttle.Limit)
                {
                    return;
                }

                until = _time.GetUtcNow() + _throttle.Lockout;
                if (_throttle.ApplyLockout(failure.Address, until.Value))
                {
                    LogLockedOut(_logger, failure.Address, (int)_throttle.Lockout.TotalSeconds, count);
                }
            }

            var left = until.Value - _time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            var json = JsonSerializer.Serialize(new AuthLockoutFact(failure.Address, until.Value, _self.Id, _self.Run), FleetJsonContext.Default.AuthLockoutFact);
            await Task.WhenAll(
                db.StringSetAsync(LockKey(failure.Address), json, left),
                db.KeyDeleteAsync(CountKey(failure.Address)),
                _redis.Subscriber.PublishAsync(Lockouts, json)).ConfigureAwait(false);
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex))
        {
            _redis.Failed(ex);
        }
    }

    /// <summary>Takes in every lockout Redis still holds: at start, and when Redis is back after an outage.</summary>
    private async Task CatchUpAsync()
    {
        try
        {
            await foreach (var value in _redis.ValuesAsync("auth:lock:*").ConfigureAwait(false))
            {
                Receive(value);
            }
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
            if (JsonSerializer.Deserialize((string)message!, FleetJsonContext.Default.AuthLockoutFact) is { } fact && fact.Run != _self.Run &&
                _throttle.ApplyLockout(fact.Address, fact.Until))
            {
                LogLockedOutElsewhere(_logger, fact.Address, Math.Max(1, (int)Math.Ceiling((fact.Until - _time.GetUtcNow()).TotalSeconds)), fact.Instance);
            }
        }
        catch (JsonException ex)
        {
            LogUnreadable(_logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning,
        Message = "Client address {Address} is locked out on every instance for {LockoutSeconds} s after {Failures} failed key checks across the fleet within a minute")]
    private static partial void LogLockedOut(ILogger logger, string address, int lockoutSeconds, long failures);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning,
        Message = "Client address {Address} is locked out for {LockoutSeconds} s: instance {Instance} counted too many failed key checks from it")]
    private static partial void LogLockedOutElsewhere(ILogger logger, string address, int lockoutSeconds, string instance);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Ignored an unreadable lockout message on Redis: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
