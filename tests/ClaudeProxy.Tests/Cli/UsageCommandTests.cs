using System.Text.Json.Nodes;
using ClaudeProxy.Observability.Usage;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ClaudeProxy.Tests.Usage.UsageEntries;

namespace ClaudeProxy.Tests.Cli;

/// <summary><c>logs</c> and <c>stats</c>: they read the request log file directly, with no gateway running.</summary>
public sealed class UsageCommandTests
{
    private static readonly RequestLogEntry First = Entry(time: Noon.AddMinutes(-30), channel: "alpha", input: 100, output: 10, cacheRead: 300, cost: 0.002);
    private static readonly RequestLogEntry Second = Entry(time: Noon.AddMinutes(-20), channel: "beta-relay", channelId: "ch_beta", key: "sk-b…2222",
        status: 429, errorType: "rate_limit_error", latencyMs: 2500, input: 0, output: 0, cost: null);
    private static readonly RequestLogEntry Third = Entry(time: Noon.AddMinutes(-5), channel: "alpha", model: "claude-haiku-4-5", input: 50, output: 5, cost: 0.0005);

    [Fact]
    public async Task Logs_shows_one_aligned_line_per_request_newest_last()
    {
        using var cli = Seeded();

        var lines = Lines((await cli.RunAsync("logs")).Succeeded().Output);

        Assert.Equal(3, lines.Length);
        Assert.Contains(First.RequestId, lines[0], StringComparison.Ordinal);
        Assert.Contains(Third.RequestId, lines[2], StringComparison.Ordinal);
        Assert.Contains("2026-03-10 11:30:00Z", lines[0], StringComparison.Ordinal);
        Assert.Contains("claude-sonnet-4-5 → alpha/claude-sonnet-4-5-mapped", lines[0], StringComparison.Ordinal);
        Assert.Contains("429 rate_limit_error", lines[1], StringComparison.Ordinal);
        foreach (var cell in new[] { "sk-a…1111", "in 100", "out 10", "cache 300/0", "$0.002", "100ms", "1 attempt" })
        {
            Assert.Contains(cell, lines[0], StringComparison.Ordinal);
        }

        Assert.Contains("2500ms", lines[1], StringComparison.Ordinal);
        Assert.Single(lines.Select(l => l.IndexOf(" in ", StringComparison.Ordinal)).Distinct());
        Assert.Single(lines.Select(l => l.IndexOf("req_", StringComparison.Ordinal)).Distinct());
    }

    [Theory]
    [InlineData("2", "--channel", "beta-relay")]
    [InlineData("2", "--channel", "ch_beta")]
    [InlineData("2", "--status", "429")]
    [InlineData("2", "--error-type", "rate_limit_error")]
    [InlineData("3", "--model", "claude-haiku-4-5")]
    [InlineData("13", "--key", "sk-a…1111")]
    [InlineData("3", "--limit", "1")]
    [InlineData("3", "--since", "2026-03-10T11:50:00Z")]
    [InlineData("23", "--since", "25m")]
    [InlineData("1", "--until", "2026-03-10T11:35:00Z")]
    public async Task Logs_filters_narrow_the_lines_to_the_matching_requests(string expected, params string[] filters)
    {
        using var cli = Seeded();
        cli.Clock = new FakeTimeProvider(Noon);
        RequestLogEntry[] all = [First, Second, Third];

        var lines = Lines((await cli.RunAsync(["logs", .. filters])).Succeeded().Output);

        Assert.Equal(expected.Select(n => all[n - '1'].RequestId), lines.Select(l => l.Split(' ')[^1]));
    }

    [Fact]
    public async Task Logs_json_is_the_api_page_newest_first_with_a_cursor()
    {
        using var cli = Seeded();

        var page = (await cli.RunAsync("logs", "--json", "--limit", "2")).Succeeded().Json();

        var items = page["items"]!.AsArray();
        Assert.Equal([Third.RequestId, Second.RequestId], items.Select(i => (string?)i!["requestId"]));
        Assert.Equal((long)items[1]!["id"]!, (long)page["next"]!);
        var second = items[1]!;
        Assert.Equal(429, (int)second["status"]!);
        Assert.Equal("rate_limit_error", (string?)second["errorType"]);
        Assert.Equal("sk-b…2222", (string?)second["key"]);
        Assert.Null(second["costUsd"]);
        Assert.Equal("beta-relay", (string?)second["attempts"]![0]!["channel"]);
        Assert.Equal(0.0005, (double)items[0]!["costUsd"]!);
        Assert.Equal("2026-03-10T11:55:00+00:00", (string?)items[0]!["time"]);
    }

    [Fact]
    public async Task Logs_without_a_store_say_so_and_create_no_file()
    {
        using var cli = new CliHarness();

        var human = (await cli.RunAsync("logs")).Succeeded();
        var json = (await cli.RunAsync("logs", "--json")).Succeeded();

        Assert.Contains($"no requests logged yet at {StorePath(cli)}", human.Output, StringComparison.Ordinal);
        Assert.Equal("""{"items":[],"next":null}""", json.Output.Trim());
        Assert.False(File.Exists(StorePath(cli)));
    }

    [Fact]
    public async Task A_file_that_is_no_request_log_exits_1_naming_it()
    {
        using var cli = new CliHarness();
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath(cli))!);
        await File.WriteAllTextAsync(StorePath(cli), "not a database, just text long enough to fill a header page", TestContext.Current.CancellationToken);

        var run = await cli.RunAsync("stats");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot read the request log at {StorePath(cli)}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_read_the_file_named_by_USAGE_DB_PATH()
    {
        using var cli = new CliHarness();
        var path = Path.Combine(cli.FolderPath, "elsewhere", "log.db");
        Seed(path, Second);

        var run = await cli.RunWithoutConfigAsync(["logs"], new Dictionary<string, string> { ["USAGE_DB_PATH"] = path });

        Assert.Contains(Second.RequestId, run.Succeeded().Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--limit: expected a whole number from 1 to 500", "--limit", "0")]
    [InlineData("--status: expected an HTTP status code", "--status", "teapot")]
    [InlineData("--since: expected an RFC 3339 time", "--since", "yesterday")]
    [InlineData("--until: expected an RFC 3339 time", "--until", "2026-03-10")]
    public async Task Logs_refuse_a_bad_value_with_exit_code_2_naming_the_option(string expected, params string[] args)
    {
        using var cli = Seeded();

        var run = await cli.RunAsync(["logs", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Follow_prints_the_latest_page_then_each_request_logged_after_it()
    {
        using var cli = Seeded();
        var clock = new FakeTimeProvider(Noon);
        using var stop = new CancellationTokenSource();
        var later = Entry(time: Noon, channel: "gamma");
        // The command flushes after each batch: the first is the latest page, then one tick brings the new entry.
        using var output = new FlushHook(flushes =>
        {
            if (flushes == 1)
            {
                Seed(StorePath(cli), later);
                clock.Advance(TimeSpan.FromSeconds(1));
            }
            else
            {
                stop.Cancel();
            }
        });
        (cli.Clock, cli.Cancellation, cli.Output) = (clock, stop.Token, output);

        var run = (await cli.RunAsync("logs", "--follow", "--limit", "2")).Succeeded();

        var lines = Lines(run.Output);
        Assert.Equal(3, lines.Length);
        Assert.Contains(Second.RequestId, lines[0], StringComparison.Ordinal);
        Assert.Contains(Third.RequestId, lines[1], StringComparison.Ordinal);
        Assert.Contains("gamma", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_with_json_writes_one_item_a_line_and_ends_when_cancelled()
    {
        using var cli = Seeded();
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        cli.Cancellation = stop.Token;

        var run = (await cli.RunAsync("logs", "--follow", "--json", "--channel", "alpha")).Succeeded();

        var items = Lines(run.Output).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([First.RequestId, Third.RequestId], items.Select(i => (string?)i["requestId"]));
    }

    [Fact]
    public void A_follow_poll_returns_only_newer_matching_entries_oldest_first()
    {
        using var cli = Seeded();
        using var store = new SqliteUsageStore(StorePath(cli));
        var follower = new ClaudeProxy.Cli.LogFollower(new LogQuery { Channel = "alpha" }, 0);
        Assert.Equal([First.RequestId, Third.RequestId], follower.Poll(store).Select(e => e.RequestId));

        store.Append([Entry(channel: "beta-relay"), Entry(channel: "alpha", model: "m1"), Entry(channel: "alpha", model: "m2")]);

        Assert.Equal(["m1", "m2"], follower.Poll(store).Select(e => e.Model));
        Assert.Empty(follower.Poll(store));
    }

    [Fact]
    public async Task Stats_json_totals_add_up_over_the_groups()
    {
        using var cli = Seeded();
        cli.Clock = new FakeTimeProvider(Noon);

        var stats = (await cli.RunAsync("stats", "--json")).Succeeded().Json();

        Assert.Equal("24h", (string?)stats["window"]);
        var totals = stats["totals"]!;
        var groups = stats["groups"]!.AsArray();
        Assert.Equal(["alpha", "beta-relay"], groups.Select(g => (string?)g!["name"]));
        Assert.Equal(3, (long)totals["requests"]!);
        Assert.Equal(1, (long)totals["errors"]!);
        Assert.Equal(150, (long)totals["inputTokens"]!);
        Assert.Equal(groups.Sum(g => (long)g!["requests"]!), (long)totals["requests"]!);
        Assert.Equal(0.0025, (double)totals["costUsd"]!, 9);
        Assert.Equal(300.0 / 450, (double)totals["cacheHitRate"]!, 9);
        Assert.NotNull(stats["series"]);
    }

    [Fact]
    public async Task Stats_table_shows_each_group_and_the_total()
    {
        using var cli = Seeded();
        cli.Clock = new FakeTimeProvider(Noon);

        var lines = Lines((await cli.RunAsync("stats", "--by", "key")).Succeeded().Output);

        Assert.StartsWith("Last 24h", lines[0], StringComparison.Ordinal);
        Assert.Contains("by key", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("KEY", lines[1], StringComparison.Ordinal);
        Assert.Equal(["sk-a…1111", "2", "0", "100%"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
        Assert.Equal(["total", "3", "1", "66.7%"], lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
        Assert.EndsWith("$0.0025", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_count_only_the_requests_inside_the_window()
    {
        using var cli = Seeded();
        cli.Clock = new FakeTimeProvider(Noon);

        var stats = (await cli.RunAsync("stats", "--window", "15m", "--by", "model", "--json")).Succeeded().Json();

        Assert.Equal(1, (long)stats["totals"]!["requests"]!);
        Assert.Equal("claude-haiku-4-5", (string?)stats["groups"]![0]!["name"]);
    }

    [Theory]
    [InlineData("--window: expected one of 15m, 1h, 6h, 24h, 7d, 30d", "--window", "2d")]
    [InlineData("--by: expected one of channel, key, model", "--by", "region")]
    public async Task Stats_refuse_a_bad_value_with_exit_code_2_naming_the_option(string expected, params string[] args)
    {
        using var cli = Seeded();

        var run = await cli.RunAsync(["stats", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_without_a_store_are_empty_and_create_no_file()
    {
        using var cli = new CliHarness();

        var human = (await cli.RunAsync("stats")).Succeeded();
        var json = (await cli.RunAsync("stats", "--json", "--window", "1h")).Succeeded().Json();

        Assert.Contains("no requests logged yet at", human.Output, StringComparison.Ordinal);
        Assert.Equal(0, (long)json["totals"]!["requests"]!);
        Assert.Equal("1h", (string?)json["window"]);
        Assert.False(File.Exists(StorePath(cli)));
    }

    private static CliHarness Seeded()
    {
        var cli = new CliHarness();
        Seed(StorePath(cli), First, Second, Third);
        return cli;
    }

    /// <summary>Where the server keeps the log for the harness's config: beside it.</summary>
    private static string StorePath(CliHarness cli) => Path.Combine(Path.GetDirectoryName(cli.ConfigPath)!, "usage.db");

    private static void Seed(string path, params RequestLogEntry[] entries)
    {
        using var store = new SqliteUsageStore(path);
        store.Append(entries);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed class FlushHook(Action<int> onFlush) : StringWriter
    {
        private int _flushes;

        public override void Flush()
        {
            base.Flush();
            onFlush(++_flushes);
        }
    }
}
