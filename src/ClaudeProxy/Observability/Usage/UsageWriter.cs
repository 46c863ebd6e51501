namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// Drains the <see cref="UsageRecorder"/> queue into the <see cref="IUsageStore"/> in batches (one
/// transaction each), and prunes entries older than the retention period (and lets the store refresh
/// its planner statistics) at start and every hour.
/// A failing store loses the batch, is logged once per run of failures, and never stops the loop;
/// on shutdown the queue is written out before the host stops, unless the store fails then: the rest
/// is given up at once rather than holding the stop for a timeout per batch (a database that is down).
/// </summary>
public sealed partial class UsageWriter : BackgroundService
{
    public const int MaxBatch = 500;

    private readonly List<RequestLogEntry> _batch = new(MaxBatch);

    /// <summary>How often retention runs after the first time at start.</summary>
    public static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly UsageRecorder _recorder;
    private readonly IUsageStore _store;
    private readonly TimeProvider _time;
    private readonly int _retentionDays;
    private readonly ILogger<UsageWriter> _logger;
    private readonly Lock _progressLock = new();
    private readonly Lock _drainLock = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushWaiters = [];
    private long _handled;
    private bool _failing;
    private volatile bool _stopping;

    public UsageWriter(UsageRecorder recorder, IUsageStore store, TimeProvider time, int retentionDays, ILogger<UsageWriter> logger)
    {
        _recorder = recorder;
        _store = store;
        _time = time;
        _retentionDays = retentionDays;
        _logger = logger;
    }

    /// <summary>Raised after each retention pass with the number of entries deleted.</summary>
    public event Action<int>? Pruned;

    /// <summary>
    /// Raised on the writer's thread after each batch is stored, with the entries as stored (ids set),
    /// so live views show what the log will list. Handlers must be quick and must not throw.
    /// </summary>
    public event Action<IReadOnlyList<RequestLogEntry>>? Stored;

    /// <summary>Entries lost because the store failed to write their batch.</summary>
    public long Lost { get; private set; }

    /// <summary>Completes once every entry recorded before the call is stored, dropped or lost.</summary>
    public Task FlushAsync() => FlushAsync(_recorder.Recorded);

    /// <summary>
    /// Completes once the first <paramref name="recorded"/> entries are stored, dropped or lost, even if
    /// some of them are still to be recorded (a request records its entry after its client has the answer).
    /// </summary>
    public Task FlushAsync(long recorded)
    {
        lock (_progressLock)
        {
            if (_handled + _recorder.Dropped >= recorded)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushWaiters.Add((recorded, done));
            return done.Task;
        }
    }

    /// <summary>Deletes the entries older than the retention period (none with 0 days), then lets the store tidy up; returns how many.</summary>
    public int PruneOnce()
    {
        var deleted = 0;
        try
        {
            deleted = _retentionDays <= 0 ? 0 : _store.DeleteOlderThan(_time.GetUtcNow() - TimeSpan.FromDays(_retentionDays));
            if (deleted > 0)
            {
                LogPruned(deleted, _retentionDays);
            }

            _store.Optimize();
        }
        catch (ObjectDisposedException)
        {
            // The gateway failed to start and was torn down while the first pass ran: nothing to tidy.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPruneFailed(ex);
        }

        Pruned?.Invoke(deleted);
        return deleted;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests have finished by now (the web server stops first): take no more, write what is queued.
        _stopping = true;
        _recorder.Complete();
        await base.StopAsync(cancellationToken);

        // ExecuteAsync may never have run (a stop right after start cancels it before it begins), or
        // been given up on by the host's deadline: whatever is left is written here.
        DrainQueued();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            _store.Open();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogOpenFailed(ex);
        }

        using var pruning = new CancellationTokenSource();
        var pruneLoop = PruneLoopAsync(pruning.Token);
        try
        {
            // Not cancelled by stoppingToken: the loop ends when StopAsync completes the queue and it is empty.
            while (await _recorder.Reader.WaitToReadAsync(CancellationToken.None))
            {
                DrainQueued();
            }
        }
        finally
        {
            await pruning.CancelAsync();
            await pruneLoop;
        }
    }

    /// <summary>Writes what is queued now, in batches; serialised, as both the loop and <see cref="StopAsync"/> drain.</summary>
    private void DrainQueued()
    {
        lock (_drainLock)
        {
            // One buffer for every drain (they are serialised): with requests arriving one at a time a
            // drain per request is the common case, and a fresh 500-slot list each time cost 4 KB a request.
            var batch = _batch;
            while (true)
            {
                while (batch.Count < MaxBatch && _recorder.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                if (batch.Count == 0)
                {
                    return;
                }

                bool written;
                try
                {
                    written = Write(batch);
                }
                finally
                {
                    batch.Clear();
                }

                if (!written && _stopping)
                {
                    GiveUpQueued();
                    return;
                }
            }
        }
    }

    /// <summary>Counts what is still queued as lost without trying the store again.</summary>
    private void GiveUpQueued()
    {
        var count = 0;
        while (_recorder.Reader.TryRead(out _))
        {
            count++;
        }

        if (count > 0)
        {
            Lost += count;
            LogGaveUp(count);
            Progress(count);
        }
    }

    /// <summary>Stores a batch; false when the store failed and the batch is lost.</summary>
    private bool Write(List<RequestLogEntry> batch)
    {
        IReadOnlyList<long>? ids = null;
        try
        {
            ids = _store.Append(batch);
            if (_failing)
            {
                _failing = false;
                LogRecovered();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Lost += batch.Count;
            if (!_failing)
            {
                _failing = true;
                LogWriteFailed(ex, batch.Count);
            }
        }

        if (ids is not null && Stored is { } stored)
        {
            stored([.. batch.Select((entry, i) => entry with { Id = ids[i] })]);
        }

        Progress(batch.Count);
        return ids is not null;
    }

    private void Progress(int count)
    {
        lock (_progressLock)
        {
            _handled += count;
            var reached = _handled + _recorder.Dropped;
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                if (_flushWaiters[i].Target <= reached)
                {
                    _flushWaiters[i].Done.TrySetResult();
                    _flushWaiters.RemoveAt(i);
                }
            }
        }
    }

    private async Task PruneLoopAsync(CancellationToken cancellationToken)
    {
        // The timer starts before the first pass, so the hour is counted from start.
        using var timer = new PeriodicTimer(PruneInterval, _time);
        PruneOnce();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                PruneOnce();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The usage store could not be opened; request log entries are lost until it can")]
    private partial void LogOpenFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The usage store failed to write {Count} request log entries; further failures are not logged until a write succeeds")]
    private partial void LogWriteFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage store still fails while stopping: {Count} queued request log entries are given up")]
    private partial void LogGaveUp(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The usage store writes again")]
    private partial void LogRecovered();

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} request log entries older than {Days} days")]
    private partial void LogPruned(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the request log failed")]
    private partial void LogPruneFailed(Exception exception);
}
