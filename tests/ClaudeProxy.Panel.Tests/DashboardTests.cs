using System.Net;
using System.Threading.Channels;
using Bunit;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class DashboardTests : IAsyncDisposable
{
    private const string Hour = """{"window":"1h","by":"channel","totals":{"requests":42,"errors":1,"successRate":0.976,"p50LatencyMs":640.2,"p95LatencyMs":1800,"p50TtfbMs":212.7,"inputTokens":1000,"outputTokens":300,"cacheHitRate":0.375,"costUsd":0.5},"groups":[],"series":[]}""";
    private const string Day = """{"window":"24h","by":"channel","totals":{"requests":900,"errors":9,"successRate":0.99,"inputTokens":123456,"outputTokens":7890,"costUsd":12.5},"groups":[],"series":[]}""";
    private const string Health = """{"status":"healthy","uptime":60,"version":"1.2.3","config":{"upstreamCount":3,"loadBalance":"failover"}}""";
    private const string ChannelHealth = """{"time":"2026-01-01T00:00:00Z","channels":[{"id":"a","name":"relay-a","state":"ok"},{"id":"b","name":"relay-b","state":"open"},{"id":"c","name":"relay-c","state":"disabled"}]}""";
    private const string Latest = """{"items":[{"id":1,"time":"2026-01-01T11:59:00Z","model":"claude-haiku-4-5","channel":"relay-a","status":200,"latencyMs":300,"inputTokens":3,"outputTokens":4,"costUsd":null}],"next":null}""";

    private readonly PanelTestContext _panel = new();
    private readonly Channel<EventStream> _connections = Channel.CreateUnbounded<EventStream>();

    public DashboardTests()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=1h", HttpStatusCode.OK, Hour);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h", HttpStatusCode.OK, Day);
        _panel.Gateway.Answer(HttpMethod.Get, "/health", HttpStatusCode.OK, Health);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/health", HttpStatusCode.OK, ChannelHealth);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=20", HttpStatusCode.OK, Latest);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=1h&by=channel", HttpStatusCode.OK, Series("1h", requests: 5));
        _panel.Gateway.Answer(HttpMethod.Get, "/api/events?types=request", () =>
        {
            var stream = new EventStream();
            _connections.Writer.TryWrite(stream);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) };
        });
    }

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    private static string Series(string window, long requests) =>
        $$"""{"window":"{{window}}","by":"channel","totals":{"requests":{{requests}},"errors":0,"inputTokens":10,"outputTokens":20},"groups":[{"name":"relay-a","requests":{{requests}},"errors":0,"inputTokens":10,"outputTokens":20}],"series":[{"time":"2026-01-01T11:00:00Z","requests":{{requests}},"errors":0,"inputTokens":10,"outputTokens":20,"costUsd":null},{"time":"2026-01-01T11:01:00Z","requests":0,"errors":0,"inputTokens":0,"outputTokens":0,"costUsd":null}]}""";

    private static Dictionary<string, string> Cards(IRenderedComponent<App> app) =>
        app.FindAll(".stat-card").ToDictionary(card => card.QuerySelector(".stat-label")!.TextContent.Trim(), card => card.QuerySelector(".stat-value")!.TextContent.Trim());

    [Fact]
    public void The_cards_show_the_last_hour_today_and_the_active_channels()
    {
        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Equal(13, app.FindAll(".stat-card").Count));
        var cards = Cards(app);
        Assert.Equal("42", cards["Requests"]);
        Assert.Equal("97.6 %", cards["Success rate"]);
        Assert.Equal("640 ms", cards["Latency p50"]);
        Assert.Equal("213 ms", cards["First byte p50"]);
        Assert.Equal("37.5 %", cards["Cache hit rate"]);
        Assert.Equal("123,456 / 7,890", cards["Tokens (in / out)"]);
        Assert.Equal("$12.50", cards["Cost"]);
        Assert.Equal("2", cards["Active channels"]);
        Assert.Equal("1.2.3", cards["Version"]);
    }

    [Fact]
    public void The_cards_for_today_say_they_cover_the_last_24_hours()
    {
        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.NotNull(app.Find(".today-hint")));
        Assert.Equal("The last 24 hours", app.Find(".today-hint").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_request_on_the_event_stream_appears_in_the_live_list_and_refreshes_the_figures()
    {
        var app = _panel.Open("");
        var stream = await _connections.Reader.ReadAsync(Token);
        app.WaitForAssertion(() => Assert.Single(app.FindAll(".live-table tbody tr")));
        var hourLoads = _panel.Gateway.Requests.Count(r => r.PathAndQuery == "/api/stats?window=1h");

        stream.Write("""
            event: request
            data: {"id":2,"time":"2026-01-01T12:00:05Z","model":"claude-sonnet-4-5","channel":"relay-b","status":429,"latencyMs":1234.4,"inputTokens":1500,"outputTokens":25,"costUsd":0.0123}


            """.Replace("\r", "", StringComparison.Ordinal));

        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll(".live-table tbody tr").Count));
        var newest = app.FindAll(".live-table tbody tr")[0].TextContent;
        Assert.Contains("12:00:05", newest, StringComparison.Ordinal);
        Assert.Contains("claude-sonnet-4-5 → relay-b", newest, StringComparison.Ordinal);
        Assert.Contains("429", newest, StringComparison.Ordinal);
        Assert.Contains("1,234 ms", newest, StringComparison.Ordinal);
        Assert.Contains("1,500 / 25", newest, StringComparison.Ordinal);
        Assert.Contains("$0.0123", newest, StringComparison.Ordinal);
        Assert.Equal("Live", app.Find(".live-state").TextContent.Trim());
        app.WaitForAssertion(() => Assert.True(_panel.Gateway.Requests.Count(r => r.PathAndQuery == "/api/stats?window=1h") > hourLoads));
    }

    [Fact]
    public void Without_requests_the_live_list_says_so()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=20", HttpStatusCode.OK, """{"items":[],"next":null}""");

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Equal("No requests yet. They appear here as they finish.", app.Find(".no-requests").TextContent.Trim()));
    }

    [Fact]
    public void Picking_a_window_reads_that_window_by_channel_and_draws_both_charts()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=6h&by=channel", HttpStatusCode.OK, Series("6h", requests: 9));
        var app = _panel.Open("");
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".chart-over-time")));

        app.FindAll(".window-picker .mud-toggle-item").Single(item => item.TextContent.Trim() == "6h").Click();

        app.WaitForAssertion(() => Assert.Contains(_panel.Gateway.Requests, r => r.PathAndQuery == "/api/stats?window=6h&by=channel"));
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".chart-by-channel")));
        Assert.Contains("relay-a", app.Find(".chart-by-channel").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_that_cannot_load_shows_its_own_error_and_the_cards_stay()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=1h&by=channel", HttpStatusCode.InternalServerError, """{"error":{"message":"disk I/O error at Sqlite"}}""");

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.NotNull(app.Find(".chart-error")));
        Assert.Equal(13, app.FindAll(".stat-card").Count);
        Assert.DoesNotContain("Sqlite", app.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_reads_in_chinese()
    {
        _panel.Stored("claudeProxy.language", "zh-CN");

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Equal(13, app.FindAll(".stat-card").Count));
        Assert.Contains("首字节 p50", app.Markup, StringComparison.Ordinal);
        Assert.Contains("最新请求", app.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_live_list_and_the_chart_show_the_browsers_local_time()
    {
        _panel.BrowserTimeZone("Europe/Berlin", 0, 60);

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Single(app.FindAll(".live-table tbody tr")));
        Assert.Contains("12:59:00", app.Find(".live-table tbody tr").TextContent, StringComparison.Ordinal);
        app.WaitForAssertion(() => Assert.Contains("12:00", app.FindAll(".chart-over-time svg text").Select(t => t.TextContent.Trim())));
        Assert.Equal("Times in Europe/Berlin (UTC+01:00)", app.Find(".traffic .zone-note").TextContent.Trim());
    }

    private static string Instance(string id, bool self = false, bool duplicate = false, int inFlight = 0, long requests = 0) =>
        $$"""{"id":"{{id}}","self":{{(self ? "true" : "false")}},"run":"run-{{id}}","version":"1.2.3","commit":"0123456789abcdef","startedAt":"2026-01-01T10:00:00Z","lastSeen":"2026-01-01T11:05:00Z","inFlight":{{inFlight}},"requests":{{requests}},"duplicateId":{{(duplicate ? "true" : "false")}}}""";

    private void Cluster(string redis, params string[] instances) =>
        _panel.Gateway.Answer(HttpMethod.Get, "/api/cluster", HttpStatusCode.OK, $$"""{"self":"gw-a","redis":"{{redis}}","instances":[{{string.Join(",", instances)}}]}""");

    [Fact]
    public void A_single_gateway_shows_no_instance_card_and_no_instance_list()
    {
        Cluster("off", Instance("gw-a", self: true));

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Equal(13, app.FindAll(".stat-card").Count));
        app.WaitForAssertion(() => Assert.Contains(_panel.Gateway.Requests, r => r.PathAndQuery == "/api/cluster"));
        Assert.DoesNotContain("Instance", Cards(app).Keys);
        Assert.Empty(app.FindAll(".instances"));
    }

    [Fact]
    public void A_fleet_shows_this_instances_id_and_lists_every_live_instance_with_this_one_marked()
    {
        Cluster("connected", Instance("gw-a", self: true, inFlight: 2, requests: 1234), Instance("gw-b", requests: 7), Instance("gw-c"));

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Equal(3, app.FindAll("tr.instance-row").Count));
        Assert.Equal("gw-a", Cards(app)["Instance"]);
        var rows = app.FindAll("tr.instance-row");
        Assert.Equal(["gw-a", "gw-b", "gw-c"], rows.Select(row => row.QuerySelector(".instance-id")!.TextContent.Trim()));
        Assert.Equal("this one", rows[0].QuerySelector(".instance-self")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector(".instance-self"));
        Assert.Null(rows[2].QuerySelector(".instance-self"));
        Assert.Equal("2", rows[0].QuerySelector(".instance-in-flight")!.TextContent.Trim());
        Assert.Equal("1,234", rows[0].QuerySelector(".instance-requests")!.TextContent.Trim());
        Assert.Equal("1h 5m", rows[1].QuerySelector(".instance-uptime")!.TextContent.Trim());
        Assert.Equal("Started 2026-01-01 10:00:00", rows[1].QuerySelector(".instance-uptime")!.GetAttribute("title"));
        Assert.Contains("1.2.3", rows[1].QuerySelector(".instance-version")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("0123456", rows[1].QuerySelector(".instance-version")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Redis connected", app.Find(".redis-state").TextContent.Trim());
        Assert.Contains("mud-chip-color-success", app.Find(".redis-state").ClassName, StringComparison.Ordinal);
        Assert.Empty(app.FindAll(".redis-warning"));
        Assert.Empty(app.FindAll(".duplicate-warning"));
    }

    [Fact]
    public void Redis_unreachable_shows_as_a_warning_with_this_instance_alone()
    {
        Cluster("unreachable", Instance("gw-a", self: true));

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Single(app.FindAll("tr.instance-row")));
        Assert.Equal("gw-a", Cards(app)["Instance"]);
        Assert.Equal("Redis unreachable", app.Find(".redis-state").TextContent.Trim());
        Assert.Contains("mud-chip-color-warning", app.Find(".redis-state").ClassName, StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-warning", app.Find(".redis-warning").ClassName, StringComparison.Ordinal);
        Assert.Contains("Redis is unreachable", app.Find(".redis-warning").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_instance_id_shows_as_a_warning_naming_the_id()
    {
        Cluster("connected", Instance("gw-a", self: true, duplicate: true), Instance("gw-a", duplicate: true));

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll("tr.instance-row").Count));
        var warning = Assert.Single(app.FindAll(".duplicate-warning"));
        Assert.Contains("mud-alert-text-warning", warning.ClassName, StringComparison.Ordinal);
        Assert.Contains("“gw-a”", warning.TextContent, StringComparison.Ordinal);
        Assert.All(app.FindAll("tr.instance-row"), row => Assert.Equal("Duplicate id", row.QuerySelector(".instance-duplicate")!.TextContent.Trim()));
    }

    [Fact]
    public async Task A_new_request_reloads_the_instance_list_with_the_figures()
    {
        Cluster("connected", Instance("gw-a", self: true), Instance("gw-b"));
        var app = _panel.Open("");
        var stream = await _connections.Reader.ReadAsync(Token);
        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll("tr.instance-row").Count));
        Cluster("connected", Instance("gw-a", self: true, inFlight: 1, requests: 1), Instance("gw-b"));

        stream.Write("""
            event: request
            data: {"id":2,"time":"2026-01-01T12:00:05Z","model":"claude-sonnet-4-5","channel":"relay-b","status":200,"latencyMs":12,"inputTokens":1,"outputTokens":1,"costUsd":null}


            """.Replace("\r", "", StringComparison.Ordinal));

        app.WaitForAssertion(() => Assert.Equal("1", app.FindAll("tr.instance-row")[0].QuerySelector(".instance-requests")!.TextContent.Trim()));
    }

    [Fact]
    public void The_instance_list_reads_in_chinese()
    {
        _panel.Stored("claudeProxy.language", "zh-CN");
        Cluster("unreachable", Instance("gw-a", self: true));

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Single(app.FindAll("tr.instance-row")));
        Assert.Equal("gw-a", Cards(app)["实例"]);
        Assert.Equal("当前实例", app.Find(".instance-self").TextContent.Trim());
        Assert.Equal("Redis 无法连接", app.Find(".redis-state").TextContent.Trim());
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
