using System.Text.Json;
using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// Tells the fleet this instance is alive: every <see cref="BeatInterval"/> it writes its <see cref="InstanceBeat"/>
/// under its id, expiring after <see cref="BeatLifetime"/>, so a dead instance drops off the list by itself.
/// Before each write it reads the record: another run that wrote there since this one's last beat is a second live
/// instance with the same <c>INSTANCE_ID</c>, reported as an error. A restarted instance (same id, the old run
/// silent) simply takes the record over.
/// </summary>
public sealed partial class FleetMembership : BackgroundService
{
    public static readonly TimeSpan BeatInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan BeatLifetime = TimeSpan.FromSeconds(6);

    /// <summary>How often a lasting duplicate is logged again.</summary>
    public static readonly TimeSpan DuplicateReminder = TimeSpan.FromMinutes(1);

    private readonly FleetRedis _redis;
    private readonly FleetInstance _self;
    private readonly InstanceStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger<FleetMembership> _logger;
    private DateTimeOffset? _lastBeat;
    private DateTimeOffset _lastDuplicateLog = DateTimeOffset.MinValue;

    public FleetMembership(FleetRedis redis, FleetInstance self, InstanceStatus status, TimeProvider time, ILogger<FleetMembership> logger)
    {
        _redis = redis;
        _self = self;
        _status = status;
        _time = time;
        _logger = logger;
    }

    /// <summary>The run of another live instance seen under this instance's id, or null.</summary>
    public string? DuplicateRun { get; private set; }

    public static RedisKey BeatKey(string instanceId) => FleetRedis.Key("instance:" + instanceId);

    /// <summary>Every live instance's last beat, this one's included (unreadable records left out); throws when Redis cannot be read.</summary>
    public async Task<IReadOnlyList<InstanceBeat>> LiveAsync()
    {
        var beats = new List<InstanceBeat>();
        await foreach (var value in _redis.ValuesAsync("instance:*").ConfigureAwait(false))
        {
            if (ReadBeat(value) is { } beat)
            {
                beats.Add(beat);
            }
        }

        return beats;
    }

    // A record this version cannot read (another program's, a damaged one) lists no instance rather than failing the list.
    private static InstanceBeat? ReadBeat(RedisValue value)
    {
        try
        {
            return JsonSerializer.Deserialize((string)value!, FleetJsonContext.Default.InstanceBeat);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _redis.ConnectAsync().ConfigureAwait(false);
        using var timer = new PeriodicTimer(BeatInterval, _time);
        do
        {
            await BeatAsync().ConfigureAwait(false);
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Leaving on purpose: the record goes at once rather than when it expires, unless a duplicate holds it now.
        try
        {
            var key = BeatKey(_self.Id);
            if (await _redis.Database.StringGetAsync(key).ConfigureAwait(false) is { HasValue: true } value &&
                JsonSerializer.Deserialize((string)value!, FleetJsonContext.Default.InstanceBeat)?.Run == _self.Run)
            {
                await _redis.Database.KeyDeleteAsync(key).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex) || ex is JsonException)
        {
            _redis.Failed(ex);
        }
    }

    /// <summary>One beat: notices a duplicate, then writes this instance's record.</summary>
    public async Task BeatAsync()
    {
        var key = BeatKey(_self.Id);
        try
        {
            var db = _redis.Database;
            if (await db.StringGetAsync(key).ConfigureAwait(false) is { HasValue: true } value &&
                JsonSerializer.Deserialize((string)value!, FleetJsonContext.Default.InstanceBeat) is { } seen)
            {
                if (seen.Run != _self.Run && seen.LastSeen > (_lastBeat ?? _self.StartedAt))
                {
                    Duplicate(seen);
                }
                else if (seen.Run == _self.Run)
                {
                    DuplicateRun = null;
                }
            }

            var beat = _status.Current();
            await db.StringSetAsync(key, JsonSerializer.Serialize(beat, FleetJsonContext.Default.InstanceBeat), BeatLifetime).ConfigureAwait(false);
            _lastBeat = beat.LastSeen;
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex) || ex is JsonException)
        {
            _redis.Failed(ex);
        }
    }

    private void Duplicate(InstanceBeat seen)
    {
        DuplicateRun = seen.Run;
        var now = _time.GetUtcNow();
        if (now - _lastDuplicateLog >= DuplicateReminder)
        {
            _lastDuplicateLog = now;
            LogDuplicate(_logger, _self.Id, seen.Run, seen.StartedAt, _self.Run);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error,
        Message = "Another live instance uses INSTANCE_ID '{Id}' (its run {OtherRun}, started {OtherStarted:u}; this run {Run}): give each instance its own INSTANCE_ID, or their cluster entries and request log rows get mixed up")]
    private static partial void LogDuplicate(ILogger logger, string id, string otherRun, DateTimeOffset otherStarted, string run);
}
