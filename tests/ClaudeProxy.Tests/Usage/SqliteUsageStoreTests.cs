using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static ClaudeProxy.Tests.Usage.UsageEntries;

namespace ClaudeProxy.Tests.Usage;

/// <summary>The SQLite request log: batches, filters and paging, stats, retention, reopening, concurrency.</summary>
public sealed class SqliteUsageStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteUsageStore _store;

    public SqliteUsageStoreTests()
    {
        _store = new SqliteUsageStore(Path.Combine(_folder.Path, ".config", "usage.db"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_batch_is_stored_whole_with_ids_in_order_and_every_field_read_back()
    {
        var original = Entry(status: 529, errorType: "overloaded_error", cost: null, ttfbMs: null, cacheRead: 7, cacheCreation: 3, requestBody: "{\"x\":1}");
        _store.Append([Entry(), original, Entry()]);

        var page = _store.QueryLogs(new LogQuery());

        Assert.Equal(3, page.Items.Count);
        Assert.Equal([3L, 2L, 1L], page.Items.Select(i => i.Id));
        Assert.Null(page.Next);
        var read = page.Items[1];
        Assert.Equal(original with { Id = 2, RequestBody = null }, read with { Attempts = original.Attempts });
        Assert.Equal(original.Attempts, read.Attempts);
        Assert.Equal("{\"x\":1}", _store.Find(2)!.RequestBody);
        Assert.Null(_store.Find(99));
    }

    [Fact]
    public void Pages_follow_the_cursor_newest_first_to_the_end()
    {
        _store.Append([.. Enumerable.Range(0, 7).Select(i => Entry(time: Noon.AddSeconds(i)))]);

        var first = _store.QueryLogs(new LogQuery { Limit = 3 });
        var second = _store.QueryLogs(new LogQuery { Limit = 3, Before = first.Next });
        var third = _store.QueryLogs(new LogQuery { Limit = 3, Before = second.Next });

        Assert.Equal([7L, 6L, 5L], first.Items.Select(i => i.Id));
        Assert.Equal(5L, first.Next);
        Assert.Equal([4L, 3L, 2L], second.Items.Select(i => i.Id));
        Assert.Equal([1L], third.Items.Select(i => i.Id));
        Assert.Null(third.Next);
    }

    [Fact]
    public void Filters_narrow_by_channel_name_or_id_model_status_error_type_key_and_time()
    {
        _store.Append(
        [
            Entry(time: Noon.AddMinutes(-10)),
            Entry(channel: "beta", channelId: "ch_beta", key: "sk-b…2222"),
            Entry(model: "gpt-5", status: 429, errorType: "rate_limit_error"),
            Entry(time: Noon.AddMinutes(10), status: 500, errorType: "api_error"),
        ]);

        long[] Ids(LogQuery query) => [.. _store.QueryLogs(query).Items.Select(i => i.Id)];

        Assert.Equal([2L], Ids(new LogQuery { Channel = "beta" }));
        Assert.Equal([2L], Ids(new LogQuery { Channel = "ch_beta" }));
        Assert.Equal([4L, 3L, 1L], Ids(new LogQuery { Channel = "alpha" }));
        Assert.Equal([3L], Ids(new LogQuery { Model = "gpt-5" }));
        Assert.Equal([3L], Ids(new LogQuery { Status = 429 }));
        Assert.Equal([4L], Ids(new LogQuery { ErrorType = "api_error" }));
        Assert.Equal([2L], Ids(new LogQuery { Key = "sk-b…2222" }));
        Assert.Equal([3L, 2L], Ids(new LogQuery { Since = Noon, Until = Noon }));
        Assert.Equal([4L, 3L, 2L], Ids(new LogQuery { Since = Noon.AddMinutes(-1) }));
        Assert.Equal([1L], Ids(new LogQuery { Until = Noon.AddMinutes(-1) }));
        Assert.Equal([4L], Ids(new LogQuery { Channel = "alpha", Status = 500, Since = Noon }));
        Assert.Empty(Ids(new LogQuery { Channel = "nobody" }));
    }

    [Fact]
    public void Stats_add_up_per_group_with_nearest_rank_percentiles_rates_and_null_safe_costs()
    {
        var now = Noon;
        _store.Append(
        [
            // alpha: ten requests, latencies 10..100, one error, costs known.
            .. Enumerable.Range(1, 10).Select(i => Entry(
                time: now.AddMinutes(-i), latencyMs: i * 10, ttfbMs: i, input: 100, output: 10, cacheRead: 300, cacheCreation: 100,
                status: i == 10 ? 529 : 200, errorType: i == 10 ? "overloaded_error" : null, cost: 0.5)),
            // beta: two requests of an unpriced model.
            Entry(time: now.AddMinutes(-1), channel: "beta", channelId: "ch_beta", latencyMs: 7, ttfbMs: null, cost: null, input: 1, output: 2),
            Entry(time: now.AddMinutes(-2), channel: "beta", channelId: "ch_beta", latencyMs: 9, ttfbMs: null, cost: null, input: 1, output: 2),
            // Outside the window.
            Entry(time: now.AddHours(-2), latencyMs: 99_999),
        ]);

        var stats = _store.QueryStats(StatsWindow.Parse("1h")!, StatsGrouping.Channel, now);

        Assert.Equal(("1h", "channel"), (stats.Window, stats.By));
        var alpha = stats.Groups[0];
        Assert.Equal("alpha", alpha.Name);
        Assert.Equal((10L, 1L, 0.9), (alpha.Requests, alpha.Errors, alpha.SuccessRate));
        Assert.Equal((50.0, 100.0, 5.0), (alpha.P50LatencyMs, alpha.P95LatencyMs, alpha.P50TtfbMs));
        Assert.Equal((1000L, 100L, 3000L, 1000L), (alpha.InputTokens, alpha.OutputTokens, alpha.CacheReadTokens, alpha.CacheCreationTokens));
        Assert.Equal(0.6, alpha.CacheHitRate!.Value, 9);
        Assert.Equal(5.0, alpha.CostUsd!.Value, 9);

        var beta = stats.Groups[1];
        Assert.Equal(("beta", 2L, 1.0), (beta.Name, beta.Requests, beta.SuccessRate));
        Assert.Null(beta.CostUsd);
        Assert.Null(beta.P50TtfbMs);
        Assert.Equal(0.0, beta.CacheHitRate);

        Assert.Null(stats.Totals.Name);
        Assert.Equal((12L, 1L), (stats.Totals.Requests, stats.Totals.Errors));
        Assert.Equal(5.0, stats.Totals.CostUsd!.Value, 9);
        Assert.Equal(1002L, stats.Totals.InputTokens);
    }

    [Fact]
    public void The_series_has_even_buckets_covering_the_window_with_empty_ones_zero()
    {
        var now = Noon.AddSeconds(20);
        _store.Append([Entry(time: Noon.AddSeconds(-30)), Entry(time: Noon.AddSeconds(-1), status: 500, errorType: "api_error", cost: null), Entry(time: Noon.AddSeconds(5))]);

        var stats = _store.QueryStats(StatsWindow.Parse("1h")!, StatsGrouping.Model, now);

        Assert.Equal(60, stats.Series.Count);
        Assert.All(stats.Series.Zip(stats.Series.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(1), pair.Second.Time - pair.First.Time));
        Assert.Equal(Noon, stats.Series[^1].Time);
        Assert.Equal((1L, 0L, 10L, 20L), (stats.Series[^1].Requests, stats.Series[^1].Errors, stats.Series[^1].InputTokens, stats.Series[^1].OutputTokens));
        Assert.Equal((2L, 1L), (stats.Series[^2].Requests, stats.Series[^2].Errors));
        Assert.Equal(0.001, stats.Series[^2].CostUsd!.Value, 9);
        Assert.Equal(0L, stats.Series[0].Requests);
        Assert.Null(stats.Series[0].CostUsd);
        Assert.Equal("claude-sonnet-4-5", Assert.Single(stats.Groups).Name);
    }

    [Fact]
    public void Every_window_has_between_30_and_60_buckets()
    {
        Assert.All(StatsWindow.All, window => Assert.InRange(window.BucketCount, 30, 60));
    }

    [Fact]
    public void Grouping_by_key_names_requests_without_a_key_as_none()
    {
        _store.Append([Entry(), Entry() with { Key = null }]);

        var stats = _store.QueryStats(StatsWindow.Parse("15m")!, StatsGrouping.Key, Noon);

        Assert.Equal(["(none)", "sk-a…1111"], stats.Groups.Select(g => g.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Retention_deletes_only_entries_older_than_the_cutoff()
    {
        _store.Append([Entry(time: Noon.AddDays(-31)), Entry(time: Noon.AddDays(-30).AddSeconds(1)), Entry(time: Noon)]);

        var deleted = _store.DeleteOlderThan(Noon.AddDays(-30));

        Assert.Equal(1, deleted);
        Assert.Equal([3L, 2L], _store.QueryLogs(new LogQuery()).Items.Select(i => i.Id));
    }

    [Fact]
    public void Reopening_the_file_keeps_the_entries_and_goes_on_numbering()
    {
        var path = _store.FilePath;
        _store.Append([Entry(), Entry()]);
        _store.Dispose();

        using (var reopened = new SqliteUsageStore(path))
        {
            Assert.Equal([2L, 1L], reopened.QueryLogs(new LogQuery()).Items.Select(i => i.Id));
            reopened.Append([Entry()]);
        }

        using var third = new SqliteUsageStore(path);
        Assert.Equal(3L, third.QueryLogs(new LogQuery()).Items[0].Id);
    }

    [Fact]
    public void The_file_is_in_wal_mode_and_only_its_owner_may_read_it()
    {
        _store.Append([Entry()]);

        Assert.True(File.Exists(_store.FilePath + "-wal"));
        if (!OperatingSystem.IsWindows())
        {
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_store.FilePath + suffix));
            }
        }
    }

    [Fact]
    public async Task Readers_run_while_a_writer_appends_and_always_see_whole_batches()
    {
        const int Batches = 40;
        const int BatchSize = 25;
        var writer = Task.Run(() =>
        {
            for (var b = 0; b < Batches; b++)
            {
                _store.Append([.. Enumerable.Range(0, BatchSize).Select(_ => Entry())]);
            }
        }, TestContext.Current.CancellationToken);

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                var stats = _store.QueryStats(StatsWindow.Parse("1h")!, StatsGrouping.Channel, Noon);
                Assert.Equal(0, stats.Totals.Requests % BatchSize);
                var page = _store.QueryLogs(new LogQuery { Limit = 10 });
                Assert.True(page.Items.Count is 0 or 10, "a page holds what was there");
            }
        }, TestContext.Current.CancellationToken)).ToList();

        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(Batches * BatchSize, _store.QueryStats(StatsWindow.Parse("1h")!, StatsGrouping.Channel, Noon).Totals.Requests);
    }
}
