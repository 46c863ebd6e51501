using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Tests.TestKit;
using ClaudeProxy.Tests.Upgrades;
using Xunit;
using static ClaudeProxy.Tests.Usage.UsageEntries;

namespace ClaudeProxy.Tests.Usage;

/// <summary>
/// Request log files of the first SQLite builds, which kept a row's figures in their own columns only: the store
/// opens them, packs each row's figures into the stats blob once, and logs beside them. The whole upgrade, through
/// the gateway's process, is in <see cref="UpgradeTests"/>.
/// </summary>
public sealed class OldLayoutTests : IDisposable
{
    private static readonly Dictionary<string, Uri> NoUpstreams = new() { ["anthropic"] = new Uri("https://anthropic.example.com") };
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("v1-figure-columns")]
    [InlineData("v2-figure-columns")]
    public void A_file_without_the_stats_column_gets_it_filled_from_each_row_s_own_figures_when_opened(string layout)
    {
        var now = DateTimeOffset.UtcNow;
        var old = OldConfigFolder.Create(layout, _folder.Path, NoUpstreams, now);
        var kept = OldConfigFolder.ReadRows(old.UsageDbPath);

        using var store = new SqliteUsageStore(old.UsageDbPath);
        var stats = store.QueryStats(StatsWindow.Parse("24h")!, StatsGrouping.Model, now);

        Assert.Equal(kept.Count, stats.Totals.Requests);
        Assert.Equal(kept.Count(r => r.Status >= 400), stats.Totals.Errors);
        Assert.Equal(kept.Sum(r => r.OutputTokens), stats.Totals.OutputTokens);
        Assert.Equal(kept.Sum(r => r.CacheCreationTokens), stats.Totals.CacheCreationTokens);
        Assert.Equal(kept.Sum(r => r.CostUsd ?? 0), stats.Totals.CostUsd!.Value, 1e-9);
        Assert.Equal(kept.Single(r => r.TtfbMs is not null).TtfbMs, stats.Totals.P50TtfbMs);
        Assert.Equal(kept.Count, stats.Series.Sum(point => point.Requests));
        Assert.Equal(kept.Select(r => r.Model).Order(StringComparer.Ordinal), stats.Groups.Select(g => g.Name).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Layouts => new(OldConfigFolder.Layouts);

    [Theory]
    [MemberData(nameof(Layouts))]
    public void An_old_file_gets_the_instance_column_when_opened_its_rows_without_one_and_new_rows_with_theirs(string layout)
    {
        var now = DateTimeOffset.UtcNow;
        var old = OldConfigFolder.Create(layout, _folder.Path, NoUpstreams, now);
        var kept = OldConfigFolder.ReadRows(old.UsageDbPath);

        long added;
        using (var store = new SqliteUsageStore(old.UsageDbPath))
        {
            added = store.Append([Entry(time: now) with { Instance = "gw-new" }])[0];
            var items = store.QueryLogs(new LogQuery()).Items;
            Assert.Equal(kept.Count + 1, items.Count);
            Assert.All(items.Skip(1), item => Assert.Null(item.Instance));
            Assert.Equal("gw-new", store.Find(added)!.Instance);
            Assert.Equal([added], store.QueryLogs(new LogQuery { Instance = "gw-new" }).Items.Select(i => i.Id));
        }

        using var file = OldConfigFolder.Open(old.UsageDbPath);
        using var command = file.CreateCommand();
        command.CommandText = "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM pragma_table_info('requests') WHERE name = 'instance')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((3L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
        Assert.Equal(kept, OldConfigFolder.ReadRows(old.UsageDbPath).Skip(1));
    }

    [Fact]
    public void A_file_without_the_stats_column_takes_new_rows_and_time_filters_find_old_and_new_ones()
    {
        var now = DateTimeOffset.UtcNow;
        var old = OldConfigFolder.Create("v1-figure-columns", _folder.Path, NoUpstreams, now);
        var kept = OldConfigFolder.ReadRows(old.UsageDbPath);

        using var store = new SqliteUsageStore(old.UsageDbPath);
        var ids = store.Append([Entry(time: now)]);

        Assert.True(ids[0] > kept.Max(r => r.Id));
        Assert.Equal(kept.Count + 1, store.QueryStats(StatsWindow.Parse("24h")!, StatsGrouping.Channel, now).Totals.Requests);
        var since = store.QueryLogs(new LogQuery { Since = now.AddMinutes(-175) }).Items;
        var expected = new[] { ids[0] }.Concat(kept.Where(r => r.TimeMs >= now.AddMinutes(-175).ToUnixTimeMilliseconds()).Select(r => r.Id));
        Assert.Equal(expected, since.Select(item => item.Id));
    }
}
