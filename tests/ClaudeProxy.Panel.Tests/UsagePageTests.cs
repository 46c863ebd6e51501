using System.Net;
using Bunit;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class UsagePageTests : IAsyncDisposable
{
    private const string Totals = """
        {"requests":10,"errors":1,"successRate":0.9,"p50LatencyMs":420,"p95LatencyMs":900,"p50TtfbMs":null,"inputTokens":5000,"outputTokens":700,
         "cacheReadTokens":3000,"cacheCreationTokens":0,"cacheHitRate":0.375,"costUsd":0.42}
        """;

    private const string Series = """
        [{"time":"2026-03-01T10:00:00Z","requests":4,"errors":0,"inputTokens":100,"outputTokens":10,"costUsd":0.1},
         {"time":"2026-03-01T10:30:00Z","requests":6,"errors":1,"inputTokens":200,"outputTokens":20,"costUsd":null}]
        """;

    private readonly PanelTestContext _panel = new();

    public UsagePageTests() => _panel.Stored("claudeProxy.signedIn", "1");

    private static string Report(string by, params string[] groups) =>
        $$"""{"window":"24h","by":"{{by}}","since":"2026-03-01T00:00:00Z","until":"2026-03-02T00:00:00Z","totals":{{Totals}},"groups":[{{string.Join(",", groups)}}],"series":{{Series}},"droppedEntries":0}""";

    private static string Group(string name, long requests, double? cost) =>
        $$"""{"name":"{{name}}","requests":{{requests}},"errors":0,"successRate":1,"p50LatencyMs":420,"p95LatencyMs":900,"p50TtfbMs":null,"inputTokens":2500,"outputTokens":350,"cacheReadTokens":1500,"cacheCreationTokens":0,"cacheHitRate":0.375,"costUsd":{{(cost is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}}}""";

    [Fact]
    public void The_usage_table_shows_each_channel_and_the_totals_with_rates_tokens_and_cost()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=channel", HttpStatusCode.OK, Report("channel", Group("relay-a", 6, 0.3), Group("relay-b", 4, null)));

        var app = _panel.Open("usage");

        app.WaitForAssertion(() => Assert.Equal(["relay-a", "relay-b"], app.FindAll(".usage-row").Select(c => c.TextContent.Trim()).ToArray()));
        var first = app.FindAll("tr").First(r => r.QuerySelector(".usage-row")?.TextContent.Trim() == "relay-a");
        Assert.Equal("100 %", first.QuerySelector(".usage-success")!.TextContent.Trim());
        Assert.Equal("37.5 %", first.QuerySelector(".usage-cache")!.TextContent.Trim());
        Assert.Equal("2,500", first.QuerySelector(".usage-tokens-in")!.TextContent.Trim());
        Assert.Equal("$0.30", first.QuerySelector(".usage-cost")!.TextContent.Trim());
        var second = app.FindAll("tr").First(r => r.QuerySelector(".usage-row")?.TextContent.Trim() == "relay-b");
        Assert.Equal("—", second.QuerySelector(".usage-cost")!.TextContent.Trim());
        Assert.Equal("Total", app.Find(".usage-totals").TextContent.Trim());
        Assert.Equal("Channel", app.Find(".usage-table th").TextContent.Trim());
        Assert.NotEmpty(app.FindAll(".usage-chart svg"));
        Assert.Equal("api/stats/export.csv?window=24h&by=channel", app.Find("a.usage-export").GetAttribute("href"));
    }

    [Fact]
    public void Grouping_by_model_asks_the_api_again_and_the_table_and_export_follow()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=channel", HttpStatusCode.OK, Report("channel", Group("relay-a", 6, 0.3)));
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=model", HttpStatusCode.OK, Report("model", Group("claude-sonnet-4-5", 6, 0.3), Group("gpt-x", 4, null)));
        var app = _panel.Open("usage");
        app.WaitForAssertion(() => Assert.Single(app.FindAll(".usage-row")));

        app.FindAll(".usage-by .mud-toggle-item").Single(b => b.TextContent.Trim() == "Model").Click();

        app.WaitForAssertion(() => Assert.Equal(["claude-sonnet-4-5", "gpt-x"], app.FindAll(".usage-row").Select(c => c.TextContent.Trim()).ToArray()));
        Assert.Equal("Model", app.Find(".usage-table th").TextContent.Trim());
        Assert.Equal("api/stats/export.csv?window=24h&by=model", app.Find("a.usage-export").GetAttribute("href"));
    }

    [Fact]
    public void A_window_without_requests_says_so()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=channel", HttpStatusCode.OK, Report("channel"));

        var app = _panel.Open("usage");

        app.WaitForAssertion(() => Assert.NotNull(app.Find(".usage-empty")));
        Assert.Empty(app.FindAll(".usage-table"));
    }

    [Fact]
    public void A_failing_stats_api_shows_an_error_and_retry_not_the_exception()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=channel", HttpStatusCode.BadGateway, """{"error":{"message":"boom at Stack.Trace"}}""");

        var app = _panel.Open("usage");

        app.WaitForAssertion(() => Assert.NotNull(app.Find(".load-error")));
        Assert.DoesNotContain("Stack.Trace", app.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_usage_page_speaks_chinese()
    {
        _panel.Stored("claudeProxy.language", "zh-CN");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=channel", HttpStatusCode.OK, Report("channel", Group("relay-a", 6, 0.3), Group("(none)", 1, null)));

        var app = _panel.Open("usage");

        app.WaitForAssertion(() => Assert.Equal("合计", app.Find(".usage-totals").TextContent.Trim()));
        Assert.Equal(["relay-a", "（无）"], app.FindAll(".usage-row").Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal("渠道", app.Find(".usage-table th").TextContent.Trim());
        Assert.Contains("缓存命中率", app.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_labels_are_on_the_browsers_clock()
    {
        _panel.BrowserTimeZone("Asia/Shanghai", 0, 480);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=channel", HttpStatusCode.OK, Report("channel", Group("relay-a", 6, 0.3)));

        var app = _panel.Open("usage");

        app.WaitForAssertion(() => Assert.NotEmpty(app.FindAll(".usage-chart svg")));
        var labels = app.FindAll(".usage-chart svg text").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("18:00", labels);
        Assert.DoesNotContain("10:00", labels);
        Assert.Equal("Times in Asia/Shanghai (UTC+08:00)", app.Find(".usage-chart .zone-note").TextContent.Trim());
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
