using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Data.Sqlite;
using Xunit;
using static ClaudeProxy.Tests.Usage.UsageEntries;

namespace ClaudeProxy.Tests.Usage;

/// <summary>
/// Time filters of the request log: ids follow the order requests ended and times the order they began,
/// so a request that ran long is stored after newer ones; no time window may lose it.
/// </summary>
public sealed class TimeWindowLogTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _path;
    private readonly SqliteUsageStore _store;

    public TimeWindowLogTests()
    {
        _path = Path.Combine(_folder.Path, "usage.db");
        _store = new SqliteUsageStore(_path);
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_long_request_stored_hours_after_it_began_is_found_by_an_until_window_that_ends_before_its_neighbours()
    {
        // Stored in the order they ended: two hours of short requests, then one that began before all of them.
        _store.Append([.. Enumerable.Range(0, 120).Select(i => Entry(time: Noon.AddMinutes(i), model: "short"))]);
        _store.Append([Entry(time: Noon.AddMinutes(-30), model: "long")]);

        var page = _store.QueryLogs(new LogQuery { Until = Noon.AddMinutes(-1) });

        var item = Assert.Single(page.Items);
        Assert.Equal("long", item.Model);
        Assert.Equal(121L, item.Id);
    }

    [Fact]
    public void A_since_window_keeps_every_row_inside_it_and_none_outside()
    {
        _store.Append([.. Enumerable.Range(0, 300).Select(i => Entry(time: Noon.AddMinutes(i)))]);
        _store.Append([Entry(time: Noon.AddMinutes(250).AddSeconds(30), model: "late")]);

        var since = Noon.AddMinutes(240);
        var until = Noon.AddMinutes(260);
        var page = _store.QueryLogs(new LogQuery { Since = since, Until = until, Limit = 500 });

        Assert.Equal(22, page.Items.Count);
        Assert.All(page.Items, i => Assert.InRange(i.Time, since, until));
        Assert.Contains(page.Items, i => i.Model == "late");
    }

    [Fact]
    public void A_window_with_no_rows_gives_an_empty_page()
    {
        _store.Append([Entry(time: Noon)]);

        Assert.Empty(_store.QueryLogs(new LogQuery { Until = Noon.AddDays(-3) }).Items);
        Assert.Empty(_store.QueryLogs(new LogQuery { Since = Noon.AddDays(3) }).Items);
    }

    [Fact]
    public void Pruning_keeps_time_windows_exact_for_the_rows_that_stay()
    {
        _store.Append([.. Enumerable.Range(0, 48).Select(i => Entry(time: Noon.AddHours(i)))]);

        _store.DeleteOlderThan(Noon.AddHours(24).AddMinutes(30));

        Assert.Equal(23, _store.QueryLogs(new LogQuery { Since = Noon, Limit = 500 }).Items.Count);
        Assert.Equal(3, _store.QueryLogs(new LogQuery { Until = Noon.AddHours(27), Limit = 500 }).Items.Count);
    }

    [Fact]
    public void A_file_written_before_the_hour_table_existed_gets_its_hours_when_opened()
    {
        _store.Append([.. Enumerable.Range(0, 10).Select(i => Entry(time: Noon.AddHours(i)))]);
        _store.Dispose();
        using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE request_hours; PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        using var reopened = new SqliteUsageStore(_path);

        Assert.Equal(4, reopened.QueryLogs(new LogQuery { Until = Noon.AddHours(3) }).Items.Count);
        Assert.Equal(3, reopened.QueryLogs(new LogQuery { Since = Noon.AddHours(7) }).Items.Count);
    }
}
