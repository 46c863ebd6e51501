using ClaudeProxy.Proxy.Responses;
using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// Stored <c>/v1/responses</c> conversations on the fleet's Redis, each under its response id for the store's time
/// to live. Writes go through a bounded queue (the oldest dropped when Redis cannot keep up), so a slow Redis holds
/// a bounded amount of conversation bytes; the caller may wait for its write to land. Lookups are bounded by
/// <see cref="ReadWait"/>; Redis away is a miss.
/// </summary>
public sealed class SharedResponses : BackgroundService, ISharedResponses
{
    public const int QueueCapacity = 256;

    /// <summary>Ids are the gateway's own <c>resp_…</c>; a longer one a client made up is not looked up.</summary>
    public const int MaxIdLength = 200;

    public static readonly TimeSpan ReadWait = TimeSpan.FromMilliseconds(250);

    private readonly FleetRedis _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<SharedResponses> _logger;
    private readonly RedisOutbox<PendingWrite> _outbox = new(QueueCapacity, dropped => dropped.Done.TrySetResult());

    public SharedResponses(FleetRedis redis, TimeProvider time, ILogger<SharedResponses> logger)
    {
        _redis = redis;
        _time = time;
        _logger = logger;
    }

    public static RedisKey Key(string id) => FleetRedis.Key("response:" + id);

    public Task WriteAsync(string id, byte[] items, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(items);
        if (!_redis.IsConnected || id.Length > MaxIdLength)
        {
            return Task.CompletedTask;
        }

        var write = new PendingWrite(id, items, ttl);
        return _outbox.TryAdd(write) ? write.Done.Task : Task.CompletedTask;
    }

    public async Task<(byte[] Items, TimeSpan Left)?> ReadAsync(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length > MaxIdLength)
        {
            return null;
        }

        var found = await BriefRedis.TryAsync(_redis, db => db.StringGetWithExpiryAsync(Key(id)), ReadWait, _time, _logger).ConfigureAwait(false);
        return found.Value.HasValue && found.Expiry is { } left && left > TimeSpan.Zero ? ((byte[])found.Value!, left) : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _redis.ConnectAsync().ConfigureAwait(false);
        await _outbox.DrainAsync(SendAsync, stoppingToken).ConfigureAwait(false);
    }

    private async Task SendAsync(PendingWrite write)
    {
        try
        {
            await _redis.Database.StringSetAsync(Key(write.Id), write.Items, write.Ttl).ConfigureAwait(false);
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex))
        {
            _redis.Failed(ex);
        }
        finally
        {
            write.Done.TrySetResult();
        }
    }

    private sealed record PendingWrite(string Id, byte[] Items, TimeSpan Ttl)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
