using ClaudeProxy.Security.Sessions;
using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// Panel sessions shared by every instance on the fleet's Redis, over this instance's <see cref="InMemorySessionStore"/>
/// as a cache. A session is kept under its token's SHA-256 (never the token) until it expires; a login waits briefly
/// for that write, so the panel's next request finds the session wherever the balancer sends it. A cookie unknown
/// here is looked up there once and then cached. A logout deletes the session and tells the other instances to drop
/// their cached copy. Redis away: sessions made and checked on one instance work as before; a logout while it is
/// away ends the session only where it was sent.
/// </summary>
public sealed class RedisSessionStore : BackgroundService, ISessionStore
{
    /// <summary>How long a login, a lookup or a logout waits for Redis before going on without it.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(250);

    private static readonly RedisChannel Ended = FleetRedis.Channel("session:ended");

    private readonly InMemorySessionStore _local;
    private readonly FleetRedis _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisSessionStore> _logger;

    public RedisSessionStore(InMemorySessionStore local, FleetRedis redis, TimeProvider time, ILogger<RedisSessionStore> logger)
    {
        _local = local;
        _redis = redis;
        _time = time;
        _logger = logger;
    }

    public static RedisKey Key(string hash) => FleetRedis.Key("session:" + hash);

    public async ValueTask<SessionTicket> CreateAsync()
    {
        var ticket = _local.Create();
        var left = ticket.ExpiresAt - _time.GetUtcNow();
        await BriefRedis.TryAsync(_redis, db => db.StringSetAsync(Key(InMemorySessionStore.HashOf(ticket.Token)), ticket.ExpiresAt.ToUnixTimeMilliseconds(), left),
            Wait, _time, _logger).ConfigureAwait(false);
        return ticket;
    }

    public async ValueTask<DateTimeOffset?> ExpiryOfAsync(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_local.ExpiryOf(token) is { } cached)
        {
            return cached;
        }

        if (token.Length != InMemorySessionStore.TokenLength)
        {
            return null;
        }

        var hash = InMemorySessionStore.HashOf(token);
        var stored = await BriefRedis.TryAsync(_redis, db => db.StringGetAsync(Key(hash)), Wait, _time, _logger).ConfigureAwait(false);
        if (!stored.TryParse(out long milliseconds))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        if (expiresAt <= _time.GetUtcNow())
        {
            return null;
        }

        _local.Adopt(hash, expiresAt);
        return expiresAt;
    }

    public async ValueTask RemoveAsync(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = InMemorySessionStore.HashOf(token);
        _local.Forget(hash);
        await BriefRedis.TryAsync(_redis, async db =>
        {
            await db.KeyDeleteAsync(Key(hash)).ConfigureAwait(false);
            return await _redis.Subscriber.PublishAsync(Ended, hash).ConfigureAwait(false);
        }, Wait, _time, _logger).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _redis.ConnectAsync().ConfigureAwait(false);
        await _redis.SubscribeAsync(Ended, (_, hash) => _local.Forget((string)hash!)).ConfigureAwait(false);
    }
}
