using ClaudeProxy.Configuration;
using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// The one connection to the shared Redis. It never fails the gateway: a Redis that is down at start or goes away
/// later is logged once as a warning, the instance goes on with its own state, and <see cref="Restored"/> tells
/// the shared parts to catch up once it answers again (StackExchange.Redis reconnects and resubscribes by itself).
/// </summary>
public sealed partial class FleetRedis : IAsyncDisposable
{
    /// <summary>Every key and channel of ours starts with this, so a Redis shared with other software stays tidy.</summary>
    public const string Prefix = "claude-proxy:";

    private readonly ConfigurationOptions _options;
    private readonly string _address;
    private readonly ILogger<FleetRedis> _logger;
    private readonly Lazy<Task> _connecting;
    private ConnectionMultiplexer? _connection;
    private int _down;

    public FleetRedis(GatewaySettings settings, ILogger<FleetRedis> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _options = RedisAddress.Parse(settings.RedisUrl ?? throw new ArgumentException("REDIS_URL is not set", nameof(settings)));
        _address = ConnectionAddress.Redact(settings.RedisUrl);
        _logger = logger;
        _connecting = new Lazy<Task>(ConnectOnceAsync);
    }

    /// <summary>Raised (on a Redis thread) when the connection is back after an outage.</summary>
    public event Action? Restored;

    public bool IsConnected => _connection?.IsConnected == true;

    public IDatabase Database => Connection.GetDatabase();

    public ISubscriber Subscriber => Connection.GetSubscriber();

    /// <summary>The servers that hold the data (for scans); replicas left out.</summary>
    public IEnumerable<IServer> Primaries => Connection.GetServers().Where(server => !server.IsReplica);

    private ConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("Redis is not connected yet");

    public static RedisKey Key(string name) => new(Prefix + name);

    public static RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);

    /// <summary>
    /// Listens on <paramref name="channel"/>. With Redis away the listener stays registered and StackExchange.Redis
    /// subscribes it once Redis answers, so an instance started during an outage still hears the fleet afterwards.
    /// </summary>
    public async Task SubscribeAsync(RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        try
        {
            await Subscriber.SubscribeAsync(channel, handler).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            Failed(ex);
            LogSubscribeLater(_logger, channel);
        }
    }

    /// <summary>Whether <paramref name="exception"/> is Redis being away or slow (a refused, timed-out or not yet connected call), which the shared parts absorb.</summary>
    public static bool IsOutage(Exception exception) => exception is RedisException or TimeoutException or InvalidOperationException;

    /// <summary>The values of our keys whose names after <see cref="Prefix"/> match <paramref name="pattern"/>, scanned server by server; a key gone since the scan is skipped.</summary>
    public async IAsyncEnumerable<RedisValue> ValuesAsync(string pattern)
    {
        var db = Database;
        foreach (var server in Primaries)
        {
            await foreach (var key in server.KeysAsync(db.Database, Prefix + pattern, pageSize: 500).ConfigureAwait(false))
            {
                if (await db.StringGetAsync(key).ConfigureAwait(false) is { HasValue: true } value)
                {
                    yield return value;
                }
            }
        }
    }

    /// <summary>Connects (or starts trying to), once for every caller; gives up waiting after the connect timeout when Redis does not answer.</summary>
    public Task ConnectAsync() => _connecting.Value;

    private async Task ConnectOnceAsync()
    {
        _connection = await ConnectionMultiplexer.ConnectAsync(_options).ConfigureAwait(false);
        _connection.ConnectionFailed += (_, e) => Lost(e.FailureType.ToString());
        _connection.ConnectionRestored += (_, _) => Back();
        if (_connection.IsConnected)
        {
            LogConnected(_logger, _address);
        }
        else
        {
            Lost("no answer at start");
        }
    }

    /// <summary>
    /// A write or read that failed: while the connection is down this is the outage, logged once; on a live
    /// connection it is a single slow or refused call (one timed out while reconnecting, say), logged at debug
    /// level without declaring an outage, so the "back" that follows an outage is not taken back. Never thrown further.
    /// </summary>
    public void Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (_connection?.IsConnected == true)
        {
            LogCallFailed(_logger, exception);
            return;
        }

        Lost(exception.GetType().Name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            _connection.Dispose();
        }
    }

    private void Lost(string why)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogLost(_logger, _address, why);
        }
    }

    private void Back()
    {
        if (_connection?.IsConnected == true && Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogRestored(_logger, _address);
            Restored?.Invoke();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Shared state on Redis at {Address}")]
    private static partial void LogConnected(ILogger logger, string address);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Redis at {Address} is unreachable ({Why}): this instance goes on with its own state (key rests, circuits, config, sessions) until it is back")]
    private static partial void LogLost(ILogger logger, string address, string why);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Redis at {Address} is back: shared state resumes")]
    private static partial void LogRestored(ILogger logger, string address);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "A Redis call failed on a live connection")]
    private static partial void LogCallFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Listening on {Channel} once Redis answers")]
    private static partial void LogSubscribeLater(ILogger logger, RedisChannel channel);
}
