using System.Net;
using Bunit;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class LogsPageTests : IAsyncDisposable
{
    private const string Entry429Then200 = """
        {"id":7,"time":"2026-03-01T10:15:30Z","requestId":"req_abc","path":"/v1/messages","model":"sonnet","mappedModel":"claude-sonnet-4-5",
         "channel":"relay-b","channelId":"ch2","serviceType":"claude","key":"sk-ant…BBBB","status":200,"errorType":null,"errorMessage":null,
         "stream":false,"latencyMs":812.4,"ttfbMs":null,"inputTokens":1200,"outputTokens":340,"cacheReadTokens":0,"cacheCreationTokens":0,
         "costUsd":0.000183,"attempts":[{"channel":"relay-a","key":"sk-ant…AAAA","status":429,"errorType":"rate_limit_error","latencyMs":12},
         {"channel":"relay-b","key":"sk-ant…BBBB","status":200,"errorType":null,"latencyMs":800}]}
        """;

    private const string EntryUnpriced = """
        {"id":6,"time":"2026-03-01T10:15:00Z","requestId":"req_def","path":"/v1/messages","model":"gpt-x","mappedModel":"gpt-x",
         "channel":"openai","channelId":"ch3","serviceType":"openai","key":"sk-…CCCC","status":529,"errorType":"overloaded_error","errorMessage":"busy",
         "stream":true,"latencyMs":40,"ttfbMs":null,"inputTokens":0,"outputTokens":0,"cacheReadTokens":0,"cacheCreationTokens":0,
         "costUsd":null,"attempts":[{"channel":"openai","key":"sk-…CCCC","status":529,"errorType":"overloaded_error","latencyMs":40}]}
        """;

    private readonly PanelTestContext _panel = new();

    public LogsPageTests() => _panel.Stored("claudeProxy.signedIn", "1");

    [Fact]
    public void The_log_lists_each_request_with_its_route_status_tokens_and_cost_and_a_dash_for_an_unknown_price()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{Entry429Then200}},{{EntryUnpriced}}],"next":null}""");

        var app = _panel.Open("logs");

        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll("tr.log-row").Count));
        var rows = app.FindAll("tr.log-row");
        Assert.Equal("sonnet → relay-b", rows[0].QuerySelector(".log-route")!.TextContent.Trim());
        Assert.Equal("200", rows[0].QuerySelector(".status-chip")!.TextContent.Trim());
        Assert.Contains("mud-chip-color-success", rows[0].QuerySelector(".status-chip")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("1,200 / 340", rows[0].QuerySelector(".log-tokens")!.TextContent.Trim());
        Assert.Equal("$0.000183", rows[0].QuerySelector(".log-cost")!.TextContent.Trim());
        Assert.Equal("2026-03-01 10:15:30", rows[0].QuerySelector(".log-time")!.TextContent.Trim());
        Assert.Contains("mud-chip-color-error", rows[1].QuerySelector(".status-chip")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("—", rows[1].QuerySelector(".log-cost")!.TextContent.Trim());
        Assert.Empty(app.FindAll(".logs-paging"));
    }

    [Fact]
    public void Applying_a_status_filter_asks_for_that_status_from_the_newest_page_and_the_export_link_follows()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{Entry429Then200}},{{EntryUnpriced}}],"next":null}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50&status=529", HttpStatusCode.OK, $$"""{"items":[{{EntryUnpriced}}],"next":null}""");
        var app = _panel.Open("logs");
        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll("tr.log-row").Count));

        app.Find(".filter-status input").Input("529");
        app.Find("form.log-filters").Submit();

        app.WaitForAssertion(() => Assert.Single(app.FindAll("tr.log-row")));
        Assert.Equal("api/logs/export.csv?status=529", app.Find("a.logs-export").GetAttribute("href"));
        Assert.Equal("logs.csv", app.Find("a.logs-export").GetAttribute("download"));
    }

    [Fact]
    public void A_status_outside_100_to_599_is_refused_before_asking_the_api()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, """{"items":[],"next":null}""");
        var app = _panel.Open("logs");
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".logs-empty")));

        app.Find(".filter-status input").Input("42");

        app.WaitForAssertion(() => Assert.Contains("A status code from 100 to 599", app.Markup, StringComparison.Ordinal));
        Assert.True(app.Find(".filter-apply").HasAttribute("disabled"));
        app.Find("form.log-filters").Submit();
        Assert.Single(_panel.Gateway.Requests, r => r.PathAndQuery.StartsWith("/api/logs", StringComparison.Ordinal));
    }

    [Fact]
    public void Older_follows_the_cursor_and_newer_comes_back_to_the_first_page()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{Entry429Then200}}],"next":7}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50&before=7", HttpStatusCode.OK, $$"""{"items":[{{EntryUnpriced}}],"next":null}""");
        var app = _panel.Open("logs");
        app.WaitForAssertion(() => Assert.False(app.Find(".logs-older").HasAttribute("disabled")));
        Assert.True(app.Find(".logs-newer").HasAttribute("disabled"));

        app.Find(".logs-older").Click();

        app.WaitForAssertion(() => Assert.Equal("gpt-x → openai", app.Find(".log-route").TextContent.Trim()));
        Assert.True(app.Find(".logs-older").HasAttribute("disabled"));
        Assert.Equal("Page 2", app.Find(".logs-page").TextContent.Trim());

        app.Find(".logs-newer").Click();

        app.WaitForAssertion(() => Assert.Equal("sonnet → relay-b", app.Find(".log-route").TextContent.Trim()));
        Assert.Equal(2, _panel.Gateway.Requests.Count(r => r.PathAndQuery == "/api/logs?limit=50"));
    }

    [Fact]
    public void A_row_opens_the_detail_with_every_attempt_and_the_bodies_when_they_were_kept()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{Entry429Then200}}],"next":null}""");
        var withBodies = Entry429Then200.TrimEnd().TrimEnd('}') + ""","requestBody":"{\"model\":\"sonnet\"}","responseBody":"{\"id\":\"msg_1\"}"}""";
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs/7", HttpStatusCode.OK, withBodies);
        var app = _panel.Open("logs");
        app.WaitForAssertion(() => Assert.Single(app.FindAll("tr.log-row")));

        app.Find("tr.log-row").Click();

        app.WaitForAssertion(() => Assert.Equal("{\"id\":\"msg_1\"}", app.Find("pre.response-body").TextContent));
        var attempts = app.FindAll("tr.log-attempt");
        Assert.Equal(2, attempts.Count);
        Assert.Contains("relay-a", attempts[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("429", attempts[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("rate_limit_error", attempts[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("sk-ant…BBBB", attempts[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("{\"model\":\"sonnet\"}", app.Find("pre.request-body").TextContent);
        Assert.Contains("claude-sonnet-4-5", app.Find(".log-detail").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_detail_that_cannot_be_fetched_still_shows_the_row_and_says_the_rest_failed()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{Entry429Then200}}],"next":null}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs/7", HttpStatusCode.NotFound, """{"error":{"message":"No request log entry has id 7."}}""");
        var app = _panel.Open("logs");
        app.WaitForAssertion(() => Assert.Single(app.FindAll("tr.log-row")));

        app.Find("tr.log-row").Click();

        app.WaitForAssertion(() => Assert.NotNull(app.Find(".detail-error")));
        Assert.Equal(2, app.FindAll("tr.log-attempt").Count);
        Assert.Empty(app.FindAll("pre.log-body"));
    }

    [Fact]
    public void A_failing_log_api_shows_an_error_and_retry_not_the_exception()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.InternalServerError, """{"error":{"message":"boom at Stack.Trace"}}""");

        var app = _panel.Open("logs");

        app.WaitForAssertion(() => Assert.NotNull(app.Find(".load-error")));
        Assert.DoesNotContain("Stack.Trace", app.Markup, StringComparison.Ordinal);
        Assert.Contains(app.FindAll("button"), button => button.TextContent.Trim() == "Retry");
    }

    [Fact]
    public void The_log_page_speaks_chinese()
    {
        _panel.Stored("claudeProxy.language", "zh-CN");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{Entry429Then200}}],"next":null}""");

        var app = _panel.Open("logs");

        app.WaitForAssertion(() => Assert.Single(app.FindAll("tr.log-row")));
        Assert.Contains("模型 → 渠道", app.Markup, StringComparison.Ordinal);
        Assert.Contains("导出 CSV", app.Find("a.logs-export").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_times_are_on_the_browsers_clock_and_the_page_names_its_zone()
    {
        _panel.BrowserTimeZone("Asia/Shanghai", 0, 480);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{Entry429Then200}}],"next":null}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs/7", HttpStatusCode.OK, Entry429Then200);

        var app = _panel.Open("logs");

        app.WaitForAssertion(() => Assert.Equal("2026-03-01 18:15:30", app.Find(".log-time").TextContent.Trim()));
        Assert.Equal("Times in Asia/Shanghai (UTC+08:00)", app.Find(".zone-note").TextContent.Trim());
        app.Find("tr.log-row").Click();
        app.WaitForAssertion(() => Assert.Contains("2026-03-01 18:15:30", app.Find(".log-detail").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_range_typed_in_local_time_asks_for_that_span_in_utc()
    {
        _panel.BrowserTimeZone("Asia/Shanghai", 0, 480);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{Entry429Then200}},{{EntryUnpriced}}],"next":null}""");
        const string Span = "since=2026-03-01T00%3A00%3A00Z&until=2026-03-01T10%3A30%3A00Z";
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50&" + Span, HttpStatusCode.OK, $$"""{"items":[{{EntryUnpriced}}],"next":null}""");
        var app = _panel.Open("logs");
        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll("tr.log-row").Count));

        PickPeriod(app, "custom");
        app.Find(".filter-from input").Input("2026-03-01T08:00");
        app.Find(".filter-to input").Input("2026-03-01T18:30");
        app.Find("form.log-filters").Submit();

        app.WaitForAssertion(() => Assert.Single(app.FindAll("tr.log-row")));
        Assert.Equal("api/logs/export.csv?" + Span, app.Find("a.logs-export").GetAttribute("href"));
    }

    [Fact]
    public void A_custom_range_that_ends_before_it_starts_is_refused_with_a_message_before_asking_the_api()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, """{"items":[],"next":null}""");
        var app = _panel.Open("logs");
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".logs-empty")));

        PickPeriod(app, "custom");
        app.WaitForAssertion(() => Assert.Equal("Pick a start, an end or both.", app.Find(".filter-range-error").TextContent.Trim()));
        app.Find(".filter-from input").Input("2026-03-01T18:30");
        app.Find(".filter-to input").Input("2026-03-01T08:00");

        app.WaitForAssertion(() => Assert.Equal("The start must be before the end.", app.Find(".filter-range-error").TextContent.Trim()));
        Assert.True(app.Find(".filter-apply").HasAttribute("disabled"));
        app.Find("form.log-filters").Submit();
        Assert.Single(_panel.Gateway.Requests, r => r.PathAndQuery.StartsWith("/api/logs", StringComparison.Ordinal));
    }

    private static string On(string instance, string entry) => $$"""{"instance":"{{instance}}",{{entry.TrimStart()[1..]}}""";

    private void Cluster(string redis, params string[] ids) =>
        _panel.Gateway.Answer(HttpMethod.Get, "/api/cluster", HttpStatusCode.OK,
            $$"""{"self":"{{ids[0]}}","redis":"{{redis}}","instances":[{{string.Join(",", ids.Select(id => $$"""{"id":"{{id}}","self":{{(id == ids[0] ? "true" : "false")}},"version":"1.2.3","startedAt":"2026-03-01T10:00:00Z","lastSeen":"2026-03-01T10:15:00Z","inFlight":0,"requests":0,"duplicateId":false}"""))}}]}""");

    [Fact]
    public void Rows_from_two_instances_show_an_instance_column_and_the_detail_names_the_instance()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{On("gw-a", Entry429Then200)}},{{On("gw-b", EntryUnpriced)}}],"next":null}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs/7", HttpStatusCode.OK, On("gw-a", Entry429Then200));

        var app = _panel.Open("logs");

        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll("tr.log-row").Count));
        Assert.Contains("Instance", app.FindAll(".logs-table th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["gw-a", "gw-b"], app.FindAll("tr.log-row .log-instance").Select(cell => cell.TextContent.Trim()));
        Assert.NotNull(app.Find(".filter-instance"));
        app.Find("tr.log-row").Click();
        app.WaitForAssertion(() => Assert.Contains("Instance", app.FindAll(".log-detail dt").Select(dt => dt.TextContent.Trim())));
        Assert.Contains("gw-a", app.FindAll(".log-detail dd").Select(dd => dd.TextContent.Trim()));
    }

    [Fact]
    public void A_single_gateway_shows_no_instance_column_filter_or_detail_field()
    {
        Cluster("off", "host-1");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{On("host-1", Entry429Then200)}},{{On("host-1", EntryUnpriced)}}],"next":null}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs/7", HttpStatusCode.OK, On("host-1", Entry429Then200));

        var app = _panel.Open("logs");

        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll("tr.log-row").Count));
        Assert.Contains(_panel.Gateway.Requests, r => r.PathAndQuery == "/api/cluster");
        Assert.DoesNotContain("Instance", app.FindAll(".logs-table th").Select(th => th.TextContent.Trim()));
        Assert.Empty(app.FindAll(".log-instance"));
        Assert.Empty(app.FindAll(".filter-instance"));
        app.Find("tr.log-row").Click();
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".log-detail")));
        Assert.DoesNotContain("Instance", app.FindAll(".log-detail dt").Select(dt => dt.TextContent.Trim()));
        Assert.DoesNotContain("host-1", app.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_fleet_the_instance_column_shows_even_when_every_row_comes_from_one_instance()
    {
        Cluster("connected", "gw-a", "gw-b");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{On("gw-a", Entry429Then200)}}],"next":null}""");

        var app = _panel.Open("logs");

        app.WaitForAssertion(() => Assert.Equal("gw-a", app.Find("tr.log-row .log-instance").TextContent.Trim()));
        Assert.NotNull(app.Find(".filter-instance"));
    }

    [Fact]
    public void The_instance_filter_asks_for_that_instance_and_the_export_link_follows()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50", HttpStatusCode.OK, $$"""{"items":[{{On("gw-a", Entry429Then200)}},{{On("gw-b", EntryUnpriced)}}],"next":null}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/logs?limit=50&instance=gw-b", HttpStatusCode.OK, $$"""{"items":[{{On("gw-b", EntryUnpriced)}}],"next":null}""");
        var app = _panel.Open("logs");
        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll("tr.log-row").Count));

        app.Find(".filter-instance input").Change("gw-b");
        app.Find("form.log-filters").Submit();

        app.WaitForAssertion(() => Assert.Single(app.FindAll("tr.log-row")));
        Assert.Contains(_panel.Gateway.Requests, r => r.PathAndQuery == "/api/logs?limit=50&instance=gw-b");
        Assert.Equal("api/logs/export.csv?instance=gw-b", app.Find("a.logs-export").GetAttribute("href"));
        // The column and the filter stay while the rows are one instance's.
        Assert.Equal("gw-b", app.Find("tr.log-row .log-instance").TextContent.Trim());
        Assert.NotNull(app.Find(".filter-instance"));
    }

    private static void PickPeriod(IRenderedComponent<App> app, string period)
    {
        var select = app.FindComponent<MudBlazor.MudSelect<string>>();
        app.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(period)).GetAwaiter().GetResult();
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
