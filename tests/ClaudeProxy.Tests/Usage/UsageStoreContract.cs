using ClaudeProxy.Observability.Usage;
using Xunit;
using static ClaudeProxy.Tests.Usage.UsageEntries;

namespace ClaudeProxy.Tests.Usage;

/// <summary>
/// What every request log store does, asked of each the same way (SQLite and PostgreSQL derive from this): the usage API,
/// the CLI and the panel read through <see cref="IUsageStore"/> and must not tell them apart.
/// </summary>
public abstract class UsageStoreContract : IAsyncLifetime
{
    private readonly List<IUsageStore> _opened = [];

    protected IUsageStore Store { get; private set; } = default!;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Store = await OpenAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        await CleanUpAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Another store over the same log, as a second gateway (or the CLI) opens it.</summary>
    protected async ValueTask<IUsageStore> OpenAsync()
    {
        var store = await CreateStoreAsync();
        _opened.Add(store);
        return store;
    }

    /// <summary>A store over this test's log; the first call makes the log, later ones open it again.</summary>
    protected abstract ValueTask<IUsageStore> CreateStoreAsync();

    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    [Fact]
    public void Append_returns_ids_in_order_and_rows_read_back_identically()
    {
        var original = Entry(status: 529, errorType: "overloaded_error", cost: null, ttfbMs: null, cacheRead: 7, cacheCreation: 3, requestBody: "{\"x\":1}")
            with { Instance = "gw-a", ResponseBody = "{\"y\":\"é\"}", Time = Noon.AddTicks(1234) };

        var ids = Store.Append([Entry(), original, Entry() with { Attempts = [] }]);
        var page = Store.QueryLogs(new LogQuery());

        Assert.Equal([1L, 2L, 3L], ids);
        Assert.Equal([3L, 2L, 1L], page.Items.Select(i => i.Id));
        Assert.Null(page.Next);
        var read = page.Items[1];
        // Times are kept to the millisecond; a list never carries bodies.
        var expected = original with { Id = 2, Time = Noon, RequestBody = null, ResponseBody = null };
        Assert.Equal(expected, read with { Attempts = original.Attempts });
        Assert.Equal(original.Attempts, read.Attempts);
        Assert.Empty(page.Items[0].Attempts);
        Assert.Equal(expected with { RequestBody = "{\"x\":1}", ResponseBody = "{\"y\":\"é\"}" }, Store.Find(2)! with { Attempts = original.Attempts });
        Assert.Null(Store.Find(99));
        Assert.Empty(Store.Append([]));
    }

    [Fact]
    public void Pages_follow_the_cursor_newest_first_to_the_end()
    {
        Store.Append([.. Enumerable.Range(0, 7).Select(i => Entry(time: Noon.AddSeconds(i)))]);

        var first = Store.QueryLogs(new LogQuery { Limit = 3 });
        var second = Store.QueryLogs(new LogQuery { Limit = 3, Before = first.Next });
        var third = Store.QueryLogs(new LogQuery { Limit = 3, Before = second.Next });

        Assert.Equal([7L, 6L, 5L], first.Items.Select(i => i.Id));
        Assert.Equal(5L, first.Next);
        Assert.Equal([4L, 3L, 2L], second.Items.Select(i => i.Id));
        Assert.Equal([1L], third.Items.Select(i => i.Id));
        Assert.Null(third.Next);
    }

    [Fact]
    public void Filters_narrow_by_channel_name_or_id_model_status_error_type_key_instance_and_time()
    {
        Store.Append(
        [
            Entry(time: Noon.AddMinutes(-10)) with { Instance = "gw-a" },
            Entry(channel: "beta", channelId: "ch_beta", key: "sk-b…2222") with { Instance = "gw-b" },
            Entry(model: "gpt-5", status: 429, errorType: "rate_limit_error") with { Instance = "gw-a" },
            Entry(time: Noon.AddMinutes(10), status: 500, errorType: "api_error"),
        ]);

        long[] Ids(LogQuery query) => [.. Store.QueryLogs(query).Items.Select(i => i.Id)];

        Assert.Equal([2L], Ids(new LogQuery { Channel = "beta" }));
        Assert.Equal([2L], Ids(new LogQuery { Channel = "ch_beta" }));
        Assert.Equal([4L, 3L, 1L], Ids(new LogQuery { Channel = "alpha" }));
        Assert.Equal([3L], Ids(new LogQuery { Model = "gpt-5" }));
        Assert.Equal([3L], Ids(new LogQuery { Status = 429 }));
        Assert.Equal([4L], Ids(new LogQuery { ErrorType = "api_error" }));
        Assert.Equal([2L], Ids(new LogQuery { Key = "sk-b…2222" }));
        Assert.Equal([3L, 1L], Ids(new LogQuery { Instance = "gw-a" }));
        Assert.Equal([2L], Ids(new LogQuery { Instance = "gw-b" }));
        Assert.Equal([3L, 2L], Ids(new LogQuery { Since = Noon, Until = Noon }));
        Assert.Equal([3L, 2L], Ids(new LogQuery { Since = Noon.AddTicks(5000), Until = Noon.AddTicks(5000) }));
        Assert.Equal([4L, 3L, 2L], Ids(new LogQuery { Since = Noon.AddMinutes(-1) }));
        Assert.Equal([1L], Ids(new LogQuery { Until = Noon.AddMinutes(-1) }));
        Assert.Equal([4L], Ids(new LogQuery { Channel = "alpha", Status = 500, Since = Noon }));
        Assert.Equal([1L], Ids(new LogQuery { Instance = "gw-a", Until = Noon.AddMinutes(-1), Limit = 1 }));
        Assert.Empty(Ids(new LogQuery { Channel = "nobody" }));
        Assert.Empty(Ids(new LogQuery { Instance = "gw-c" }));
    }

    [Fact]
    public void Stats_add_up_per_group_with_nearest_rank_percentiles_rates_and_null_safe_costs()
    {
        var now = Noon;
        Store.Append(
        [
            .. Enumerable.Range(1, 10).Select(i => Entry(
                time: now.AddMinutes(-i), latencyMs: i * 10, ttfbMs: i, input: 100, output: 10, cacheRead: 300, cacheCreation: 100,
                status: i == 10 ? 529 : 200, errorType: i == 10 ? "overloaded_error" : null, cost: 0.5)),
            Entry(time: now.AddMinutes(-1), channel: "beta", channelId: "ch_beta", latencyMs: 7, ttfbMs: null, cost: null, input: 1, output: 2),
            Entry(time: now.AddMinutes(-2), channel: "beta", channelId: "ch_beta", latencyMs: 9, ttfbMs: null, cost: null, input: 1, output: 2),
            Entry(time: now.AddHours(-2), latencyMs: 99_999),
        ]);

        var stats = Store.QueryStats(StatsWindow.Parse("1h")!, StatsGrouping.Channel, now);

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
        Assert.Equal((12L, 1L, 1002L), (stats.Totals.Requests, stats.Totals.Errors, stats.Totals.InputTokens));
        Assert.Equal(5.0, stats.Totals.CostUsd!.Value, 9);
    }

    [Fact]
    public void The_series_buckets_requests_by_their_time_with_empty_buckets_zero()
    {
        var now = Noon.AddSeconds(20);
        Store.Append([Entry(time: Noon.AddSeconds(-30)), Entry(time: Noon.AddSeconds(-1), status: 500, errorType: "api_error", cost: null), Entry(time: Noon.AddSeconds(5))]);

        var stats = Store.QueryStats(StatsWindow.Parse("1h")!, StatsGrouping.Model, now);

        Assert.Equal(60, stats.Series.Count);
        Assert.Equal(Noon, stats.Series[^1].Time);
        Assert.Equal((1L, 0L, 10L, 20L), (stats.Series[^1].Requests, stats.Series[^1].Errors, stats.Series[^1].InputTokens, stats.Series[^1].OutputTokens));
        Assert.Equal((2L, 1L), (stats.Series[^2].Requests, stats.Series[^2].Errors));
        Assert.Equal(0.001, stats.Series[^2].CostUsd!.Value, 9);
        Assert.Equal(0L, stats.Series[0].Requests);
        Assert.Equal("claude-sonnet-4-5", Assert.Single(stats.Groups).Name);
    }

    [Fact]
    public void Grouping_by_key_names_requests_without_a_key_as_none_and_the_window_edges_are_exact()
    {
        var window = StatsWindow.Parse("15m")!;
        var end = window.End(Noon);
        Store.Append([Entry(), Entry() with { Key = null }, Entry(time: end), Entry(time: window.Start(Noon).AddMilliseconds(-1)), Entry(time: window.Start(Noon))]);

        var stats = Store.QueryStats(window, StatsGrouping.Key, Noon);

        Assert.Equal(["(none)", "sk-a…1111"], stats.Groups.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3L, stats.Totals.Requests);
    }

    [Fact]
    public void Retention_deletes_only_entries_older_than_the_cutoff()
    {
        Store.Append([Entry(time: Noon.AddDays(-31)), Entry(time: Noon.AddDays(-30).AddSeconds(1)), Entry(time: Noon)]);

        var deleted = Store.DeleteOlderThan(Noon.AddDays(-30));
        Store.Optimize();

        Assert.Equal(1, deleted);
        Assert.Equal([3L, 2L], Store.QueryLogs(new LogQuery()).Items.Select(i => i.Id));
        Assert.Equal(0, Store.DeleteOlderThan(Noon.AddDays(-30)));
    }

    [Fact]
    public async Task Two_gateways_appending_at_once_each_get_ids_in_order_and_both_see_every_row()
    {
        const int Batches = 15;
        const int BatchSize = 20;
        var other = await OpenAsync();
        IReadOnlyList<long>[] Appends(IUsageStore store, string instance) =>
            [.. Enumerable.Range(0, Batches).Select(_ => store.Append([.. Enumerable.Range(0, BatchSize).Select(_ => Entry() with { Instance = instance })]))];

        var results = await Task.WhenAll(Task.Run(() => Appends(Store, "gw-a"), Token), Task.Run(() => Appends(other, "gw-b"), Token));

        var ids = results.SelectMany(r => r).SelectMany(batch => batch).ToList();
        Assert.All(results.SelectMany(r => r), batch => Assert.Equal(batch.Order(), batch));
        Assert.Equal(2 * Batches * BatchSize, ids.Distinct().Count());
        foreach (var store in (IUsageStore[])[Store, other])
        {
            Assert.Equal(2 * Batches * BatchSize, store.QueryStats(StatsWindow.Parse("1h")!, StatsGrouping.Channel, Noon).Totals.Requests);
            Assert.Equal(LogQuery.MaxLimit, store.QueryLogs(new LogQuery { Limit = LogQuery.MaxLimit }).Items.Count);
            var fromB = store.QueryLogs(new LogQuery { Instance = "gw-b", Limit = LogQuery.MaxLimit }).Items;
            Assert.Equal(results[1].SelectMany(batch => batch).OrderDescending(), fromB.Select(i => i.Id));
            Assert.All(fromB, item => Assert.Equal("gw-b", item.Instance));
        }
    }
}
