using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using ClaudeProxy.Configuration;
using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// Keeps every instance's config file the same. The file stays the source of truth on each host (the gateway
/// still starts, and still serves, from it when Redis is away); Redis carries the latest file with a fleet-wide
/// version number. When the config changes here — an edit through the admin API or the panel, the CLI or an editor
/// writing the file, a key demoted — the file's bytes are published; every other instance writes them to its own
/// file and reloads, so an edit anywhere is live everywhere as soon as the message arrives. Versions come from one
/// Redis counter, set and published in one script, so two edits at once settle on the later everywhere.
/// An instance that starts, or sees Redis come back, takes the fleet's latest file when it differs from its own.
/// </summary>
public sealed partial class SharedConfig : BackgroundService
{
    /// <summary>How often the fleet's latest config is compared with this instance's, whatever the messages said.</summary>
    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(5);

    private static readonly RedisChannel Messages = FleetRedis.Channel("config");
    private static readonly RedisKey Latest = FleetRedis.Key("config");
    private static readonly RedisKey Counter = FleetRedis.Key("config:version");

    // INCR the counter, keep "<version> <notice>" as the latest and publish it, all at once. The counter never goes
    // below the version the publisher has seen, so a Redis that restarted empty does not start the fleet over at 1
    // (which every instance would ignore as old).
    private const string PublishScript = """
        local version = redis.call('INCR', KEYS[1])
        local seen = tonumber(ARGV[3])
        if version <= seen then
            version = seen + 1
            redis.call('SET', KEYS[1], version)
        end
        local message = version .. ' ' .. ARGV[1]
        redis.call('SET', KEYS[2], message)
        redis.call('PUBLISH', ARGV[2], message)
        return version
        """;

    [ThreadStatic]
    private static bool t_applying;

    private readonly FleetRedis _redis;
    private readonly ConfigStore _config;
    private readonly FleetInstance _self;
    private readonly TimeProvider _time;
    private readonly ILogger<SharedConfig> _logger;
    // One queue, worked through in order: a file is read for publishing only after every earlier message was taken in,
    // so this instance never publishes a file older than one it has already applied. Config changes are rare: unbounded.
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private long _version;
    private string _fleetSha = "";

    public SharedConfig(FleetRedis redis, ConfigStore config, FleetInstance self, TimeProvider time, ILogger<SharedConfig> logger)
    {
        _time = time;
        _redis = redis;
        _config = config;
        _self = self;
        _logger = logger;
        _config.Changed += OnChanged;
        _redis.Restored += () => _work.Writer.TryWrite(Work.CatchUp);
    }

    /// <summary>The fleet's config version this instance has seen last (0 before any).</summary>
    public long Version => Interlocked.Read(ref _version);

    public override void Dispose()
    {
        _config.Changed -= OnChanged;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _redis.ConnectAsync().ConfigureAwait(false);
        await _redis.SubscribeAsync(Messages, (_, message) => _work.Writer.TryWrite(new Work(WorkKind.Received, message))).ConfigureAwait(false);
        _work.Writer.TryWrite(Work.CatchUp);
        var reconciling = ReconcileAsync(stoppingToken);
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                switch (work.Kind)
                {
                    case WorkKind.Received:
                        Take(work.Message);
                        break;
                    case WorkKind.Changed:
                        await PublishAsync().ConfigureAwait(false);
                        break;
                    default:
                        await CatchUpAsync().ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await reconciling.ConfigureAwait(false);
    }

    /// <summary>
    /// Pub/sub delivers at most once: a message sent while this instance's subscription was reconnecting is gone.
    /// Comparing with the fleet's latest every <see cref="ReconcileInterval"/> makes a lost edit arrive anyway.
    /// </summary>
    private async Task ReconcileAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReconcileInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (_redis.IsConnected)
                {
                    _work.Writer.TryWrite(Work.CatchUp);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // A change this service made itself (taking another instance's file) is not published back.
    private void OnChanged(ProxyConfig config)
    {
        if (!t_applying)
        {
            _work.Writer.TryWrite(new Work(WorkKind.Changed, default));
        }
    }

    /// <summary>Publishes this instance's file, unless it is the fleet's latest already (or <paramref name="always"/>: Redis holds none).</summary>
    private async Task PublishAsync(bool always = false)
    {
        var bytes = _config.FileBytes;
        var sha = Sha256(bytes);
        lock (_gate)
        {
            if (sha == _fleetSha && !always)
            {
                return;
            }
        }

        var notice = JsonSerializer.Serialize(new ConfigNotice(sha, Convert.ToBase64String(bytes), _self.Id, _self.Run), FleetJsonContext.Default.ConfigNotice);
        try
        {
            var version = (long)await _redis.Database.ScriptEvaluateAsync(PublishScript, [Counter, Latest], [notice, Messages.ToString(), Version]).ConfigureAwait(false);
            lock (_gate)
            {
                if (version > _version)
                {
                    Interlocked.Exchange(ref _version, version);
                    _fleetSha = sha;
                }
            }

            LogPublished(_logger, version);
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex))
        {
            // Published again once Redis is back (the catch-up finds the fleet's file older or missing).
            _redis.Failed(ex);
        }
    }

    /// <summary>At start and after an outage: takes the fleet's latest file, or offers this one when the fleet has none.</summary>
    private async Task CatchUpAsync()
    {
        try
        {
            var latest = await _redis.Database.StringGetAsync(Latest).ConfigureAwait(false);
            if (!latest.HasValue)
            {
                await PublishAsync(always: true).ConfigureAwait(false);
            }
            else if (!Take(latest))
            {
                // Redis holds an older file than this instance has seen (restored from a snapshot, say): offer ours.
                await PublishAsync(always: true).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex))
        {
            _redis.Failed(ex);
        }
    }

    /// <summary>Applies a "&lt;version&gt; &lt;notice&gt;" message newer than any seen; returns whether this instance now holds the fleet's file.</summary>
    private bool Take(RedisValue message)
    {
        var text = (string)message!;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        ConfigNotice? notice;
        long version;
        try
        {
            if (space < 0 || !long.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out version) ||
                JsonSerializer.Deserialize(text.AsSpan(space + 1), FleetJsonContext.Default.ConfigNotice) is not { } parsed)
            {
                LogUnreadable(_logger);
                return false;
            }

            notice = parsed;
        }
        catch (JsonException)
        {
            LogUnreadable(_logger);
            return false;
        }

        lock (_gate)
        {
            if (version <= _version)
            {
                return version == _version;
            }

            Interlocked.Exchange(ref _version, version);
            _fleetSha = notice.Sha256;
        }

        if (notice.Run == _self.Run || Sha256(_config.FileBytes) == notice.Sha256)
        {
            return true;
        }

        try
        {
            t_applying = true;
            var config = _config.ReplaceFile(Convert.FromBase64String(notice.Content));
            LogTaken(_logger, version, notice.Instance, config.Upstream.Count);
            return true;
        }
        catch (Exception ex) when (ex is ConfigFileException or IOException or FormatException)
        {
            LogRefused(_logger, version, notice.Instance, ex.Message);
            return true;
        }
        finally
        {
            t_applying = false;
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "Shared this instance's config with the fleet as version {Version}")]
    private static partial void LogPublished(ILogger logger, long version);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Took the fleet's config version {Version} from instance {Instance}: {ChannelCount} channel(s)")]
    private static partial void LogTaken(ILogger logger, long version, string instance, int channelCount);

    [LoggerMessage(EventId = 32, Level = LogLevel.Error,
        Message = "The fleet's config version {Version} from instance {Instance} was refused here; this instance keeps its own: {Problem}")]
    private static partial void LogRefused(ILogger logger, long version, string instance, string problem);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "Ignored an unreadable config message on Redis")]
    private static partial void LogUnreadable(ILogger logger);

    private enum WorkKind
    {
        Received,
        Changed,
        CatchUp,
    }

    private readonly record struct Work(WorkKind Kind, RedisValue Message)
    {
        public static Work CatchUp => new(WorkKind.CatchUp, default);
    }
}
