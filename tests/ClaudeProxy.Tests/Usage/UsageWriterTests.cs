using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ClaudeProxy.Tests.Usage.UsageEntries;

namespace ClaudeProxy.Tests.Usage;

/// <summary>The recorder's queue and the background writer: batches, drops, failures, shutdown, retention.</summary>
public sealed class UsageWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly CapturedLogs _logs = new();
    private readonly FakeTimeProvider _time = new(Noon);

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private UsageWriter Writer(UsageRecorder recorder, IUsageStore store, int retentionDays = 30) =>
        new(recorder, store, _time, retentionDays, new LoggerFactory([_logs]).CreateLogger<UsageWriter>());

    private SqliteUsageStore Store() => new(Path.Combine(_folder.Path, "usage.db"));

    [Fact]
    public async Task Recorded_entries_reach_the_store_in_batches()
    {
        using var store = Store();
        var recording = new RecordingStore(store);
        var recorder = new UsageRecorder();
        using var writer = Writer(recorder, recording);
        for (var i = 0; i < 1200; i++)
        {
            recorder.Record(Entry());
        }

        await writer.StartAsync(Token);
        await writer.FlushAsync();
        await writer.StopAsync(Token);

        Assert.Equal(1200, store.QueryStats(StatsWindow.Parse("1h")!, StatsGrouping.Channel, Noon).Totals.Requests);
        Assert.Equal([500, 500, 200], recording.BatchSizes);
        Assert.Equal(0, recorder.Dropped);
    }

    [Fact]
    public void A_full_queue_drops_the_oldest_entries_and_counts_each_one()
    {
        var recorder = new UsageRecorder(capacity: 3);

        for (var i = 1; i <= 5; i++)
        {
            recorder.Record(Entry() with { RequestId = "r" + i });
        }

        Assert.Equal(2, recorder.Dropped);
        Assert.Equal(5, recorder.Recorded);
        var kept = new List<string>();
        while (recorder.Reader.TryRead(out var entry))
        {
            kept.Add(entry.RequestId);
        }

        Assert.Equal(["r3", "r4", "r5"], kept);
    }

    [Fact]
    public async Task Recording_from_many_threads_against_a_stalled_store_never_blocks_and_counts_every_drop()
    {
        using var gate = new ManualResetEventSlim();
        var stalled = new StallingStore(gate);
        var recorder = new UsageRecorder(capacity: 100);
        using var writer = Writer(recorder, stalled);
        await writer.StartAsync(Token);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2500; i++)
            {
                recorder.Record(Entry());
            }
        }, Token)));
        gate.Set();
        await writer.FlushAsync();
        await writer.StopAsync(Token);

        Assert.Equal(10_000, recorder.Recorded);
        Assert.Equal(10_000, stalled.Stored + recorder.Dropped);
        Assert.True(recorder.Dropped > 0);
    }

    [Fact]
    public async Task A_failing_store_is_logged_once_per_burst_and_the_writer_goes_on()
    {
        using var store = Store();
        var flaky = new FlakyStore(store) { Failing = true };
        var recorder = new UsageRecorder();
        using var writer = Writer(recorder, flaky);
        await writer.StartAsync(Token);

        for (var i = 0; i < 3; i++)
        {
            recorder.Record(Entry());
            await writer.FlushAsync();
        }

        flaky.Failing = false;
        recorder.Record(Entry());
        await writer.FlushAsync();
        await writer.StopAsync(Token);

        Assert.Equal(3, writer.Lost);
        Assert.Single(_logs.Lines, l => l.Contains("failed to write", StringComparison.Ordinal));
        Assert.Single(_logs.Lines, l => l.Contains("writes again", StringComparison.Ordinal));
        Assert.Single(store.QueryLogs(new LogQuery()).Items);
    }

    [Fact]
    public async Task A_store_that_fails_while_stopping_is_tried_once_and_the_rest_of_the_queue_is_given_up_as_lost()
    {
        using var store = Store();
        var flaky = new FlakyStore(store) { Failing = true };
        var recorder = new UsageRecorder();
        using var writer = Writer(recorder, flaky);
        for (var i = 0; i < 1200; i++)
        {
            recorder.Record(Entry());
        }

        // Never started: stopping alone drains the queue, as when the host stops before the loop ran.
        await writer.StopAsync(Token);

        Assert.Equal(1, flaky.Attempts);
        Assert.Equal(1200, writer.Lost);
        Assert.True(writer.FlushAsync().IsCompleted);
        Assert.Single(_logs.Lines, l => l.Contains("given up", StringComparison.Ordinal));
        Assert.Empty(store.QueryLogs(new LogQuery()).Items);
    }

    [Fact]
    public async Task Stopping_writes_out_everything_still_queued()
    {
        using var store = Store();
        var recorder = new UsageRecorder();
        using var writer = Writer(recorder, store);
        await writer.StartAsync(Token);
        for (var i = 0; i < 2000; i++)
        {
            recorder.Record(Entry());
        }

        await writer.StopAsync(Token);

        Assert.Equal(2000, store.QueryStats(StatsWindow.Parse("1h")!, StatsGrouping.Channel, Noon).Totals.Requests);
        recorder.Record(Entry());
        Assert.Equal(1, recorder.Dropped);
    }

    [Fact]
    public async Task Retention_runs_at_start_and_again_every_hour_on_the_clock()
    {
        using var store = Store();
        store.Append([Entry(time: Noon.AddDays(-40)), Entry(time: Noon.AddDays(-29).AddMinutes(30)), Entry(time: Noon)]);
        var recorder = new UsageRecorder();
        using var writer = Writer(recorder, store, retentionDays: 29);
        var passes = new List<int>();
        var nextPass = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        writer.Pruned += deleted =>
        {
            lock (passes)
            {
                passes.Add(deleted);
                nextPass.TrySetResult();
            }
        };

        await writer.StartAsync(Token);
        await nextPass.Task.WaitAsync(Token);
        lock (passes)
        {
            nextPass = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _time.Advance(UsageWriter.PruneInterval);
        await nextPass.Task.WaitAsync(Token);
        await writer.StopAsync(Token);

        Assert.Equal([1, 1], passes);
        Assert.Equal([3L], store.QueryLogs(new LogQuery()).Items.Select(i => i.Id));
    }

    [Fact]
    public void Retention_of_zero_days_keeps_everything()
    {
        using var store = Store();
        store.Append([Entry(time: Noon.AddYears(-3))]);
        using var writer = Writer(new UsageRecorder(), store, retentionDays: 0);

        Assert.Equal(0, writer.PruneOnce());
        Assert.Single(store.QueryLogs(new LogQuery()).Items);
    }

    /// <summary>Passes through, noting each batch's size.</summary>
    private sealed class RecordingStore(IUsageStore inner) : ForwardingStore(inner)
    {
        public List<int> BatchSizes { get; } = [];

        public override IReadOnlyList<long> Append(IReadOnlyList<RequestLogEntry> entries)
        {
            BatchSizes.Add(entries.Count);
            return base.Append(entries);
        }
    }

    /// <summary>Throws on append while <see cref="Failing"/>.</summary>
    private sealed class FlakyStore(IUsageStore inner) : ForwardingStore(inner)
    {
        public volatile bool Failing;

        public int Attempts { get; private set; }

        public override IReadOnlyList<long> Append(IReadOnlyList<RequestLogEntry> entries)
        {
            Attempts++;
            if (Failing)
            {
                throw new IOException("disk full");
            }

            return base.Append(entries);
        }
    }

    /// <summary>Holds every append until the gate opens, then counts.</summary>
    private sealed class StallingStore(ManualResetEventSlim gate) : ForwardingStore(null!)
    {
        public long Stored { get; private set; }

        public override IReadOnlyList<long> Append(IReadOnlyList<RequestLogEntry> entries)
        {
            gate.Wait(TestContext.Current.CancellationToken);
            Stored += entries.Count;
            return [.. Enumerable.Range(0, entries.Count).Select(i => Stored - entries.Count + i + 1)];
        }
    }

    private abstract class ForwardingStore(IUsageStore inner) : IUsageStore
    {
        public void Open() => inner?.Open();

        public void Dispose()
        {
            // The inner store belongs to the test.
        }

        public virtual IReadOnlyList<long> Append(IReadOnlyList<RequestLogEntry> entries) => inner.Append(entries);

        public LogPage QueryLogs(LogQuery query) => inner.QueryLogs(query);

        public RequestLogEntry? Find(long id) => inner.Find(id);

        public UsageStats QueryStats(StatsWindow window, StatsGrouping grouping, DateTimeOffset now) => inner.QueryStats(window, grouping, now);

        public int DeleteOlderThan(DateTimeOffset cutoff) => inner.DeleteOlderThan(cutoff);

        public void Optimize() => inner?.Optimize();
    }
}
