using System.Net;
using Bunit;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

/// <summary>The channels page's routing parts: promotion, key rests, caps and requests in flight, a channel's own headers.</summary>
public sealed class ChannelRoutingTests : IAsyncDisposable
{
    // ch-a is promoted far ahead and capped, with a secret header the gateway masked; ch-b's promotion has passed.
    private const string List = """
        {"channels":[
          {"id":"ch-a","name":"anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["sk-ant…1111","sk-ant…2222"],
           "headers":{"User-Agent":"claude-cli/1.0.0","X-Relay-Token":"sec…oken"},"promotionUntil":"2099-06-01T12:05:00Z","maxConcurrency":4,"rpm":60,
           "index":0,"keyCount":2,"status":"active","priority":0,"weight":1,"current":true},
          {"id":"ch-b","name":"relay","serviceType":"openai","baseUrl":"https://relay.example.com","apiKeys":[],"promotionUntil":"2020-01-01T00:00:00Z",
           "index":1,"keyCount":0,"status":"active","priority":1,"weight":1,"current":false}
        ],"current":0,"loadBalance":"failover"}
        """;

    private const string Health = """
        {"time":"2026-01-01T00:00:00Z","channels":[
          {"id":"ch-a","state":"open","openUntil":"2099-06-01T12:01:00Z","failureRate":0.5,"requests15m":4,"keys":[
            {"index":0,"key":"sk-ant…1111","state":"ok","inFlight":2,"capped":true,"cappedBy":"maxConcurrency","lastError":null,"requests15m":3},
            {"index":1,"key":"sk-ant…2222","state":"resting","restingUntil":"2099-06-01T12:05:00Z","restReason":"rate limit reached (learned from the upstream's headers)",
             "inFlight":0,"capped":false,"cappedBy":null,"lastError":null,"requests15m":1}]},
          {"id":"ch-b","state":"ok","failureRate":0,"requests15m":0,"keys":[]}
        ]}
        """;

    private const string Empty = """{"window":"15m","by":"channel","totals":{},"groups":[],"series":[]}""";
    private const string One = """{"id":"ch-a","name":"anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":[],"index":0,"keyCount":0,"status":"active","priority":0,"weight":1,"current":true}""";

    private readonly PanelTestContext _panel = new();

    public ChannelRoutingTests()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.BrowserTimeZone("Asia/Shanghai", 0, 480);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/channels", HttpStatusCode.OK, List);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/health", HttpStatusCode.OK, Health);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=15m&by=channel", HttpStatusCode.OK, Empty);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=key", HttpStatusCode.OK, Empty);
    }

    private IRenderedComponent<App> OpenPage()
    {
        var app = _panel.Open("channels");
        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll(".channel-card").Count));
        return app;
    }

    private static AngleSharp.Dom.IElement Card(IRenderedComponent<App> app, int index) => app.FindAll(".channel-card")[index];

    private int ListLoads => _panel.Gateway.Requests.Count(r => r.Method == HttpMethod.Get && r.PathAndQuery == "/api/channels");

    [Fact]
    public void A_promoted_channel_shows_its_end_on_the_local_clock_and_ending_it_sends_delete_and_reloads()
    {
        _panel.Gateway.Answer(HttpMethod.Delete, "/api/channels/ch-a/promote", HttpStatusCode.OK, One);
        var app = OpenPage();

        Assert.Equal("Promoted until 06-01 20:05", Card(app, 0).QuerySelector(".channel-promoted")!.TextContent.Trim());
        Assert.Null(Card(app, 0).QuerySelector(".channel-promote"));
        Card(app, 0).QuerySelector(".channel-end-promotion")!.Click();

        app.WaitForAssertion(() => Assert.Contains(_panel.Gateway.Requests, r => r.Method == HttpMethod.Delete && r.PathAndQuery == "/api/channels/ch-a/promote"));
        app.WaitForAssertion(() => Assert.Equal(2, ListLoads));
    }

    [Fact]
    public void A_promotion_already_past_counts_as_none_and_promoting_posts_the_chosen_seconds_then_reloads()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/channels/ch-b/promote", HttpStatusCode.OK, One);
        var app = OpenPage();

        Assert.Null(Card(app, 1).QuerySelector(".channel-promoted"));
        Assert.Null(Card(app, 1).QuerySelector(".channel-end-promotion"));
        Card(app, 1).QuerySelector(".channel-promote button")!.Click();
        app.WaitForAssertion(() => Assert.Equal(["For 5 min", "For 30 min", "For 1 h", "For 4 h"], app.FindAll(".promote-300, .promote-1800, .promote-3600, .promote-14400").Select(i => i.TextContent.Trim()).ToArray()));
        app.Find(".promote-1800").Click();

        app.WaitForAssertion(() => Assert.Equal("""{"seconds":1800}""",
            Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == "/api/channels/ch-b/promote").Body));
        app.WaitForAssertion(() => Assert.Equal(2, ListLoads));
    }

    [Fact]
    public void A_resting_key_says_until_when_and_why_in_the_panels_words_and_an_open_circuit_until_when()
    {
        var app = OpenPage();

        var rows = Card(app, 0).QuerySelectorAll(".key-row");
        Assert.Equal("until 06-01 20:05 · rate limit reached (per the upstream's headers)", rows[1].QuerySelector(".key-rest")!.TextContent.Trim());
        Assert.Null(rows[0].QuerySelector(".key-rest"));
        Assert.Equal("Open (paused) · until 06-01 20:01", Card(app, 0).QuerySelector("[data-figure=circuit] .channel-figure-value")!.TextContent.Trim());
    }

    [Fact]
    public void A_capped_key_shows_its_cap_and_a_busy_key_its_requests_in_flight()
    {
        var app = OpenPage();

        var rows = Card(app, 0).QuerySelectorAll(".key-row");
        Assert.Equal("At cap (max concurrency)", rows[0].QuerySelector(".key-capped")!.TextContent.Trim());
        Assert.Equal("In flight: 2", rows[0].QuerySelector(".key-in-flight")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector(".key-capped"));
        Assert.Null(rows[1].QuerySelector(".key-in-flight"));
    }

    [Fact]
    public void The_card_shows_the_caps_set_and_header_names_but_never_header_values()
    {
        var app = OpenPage();

        Assert.Equal("4", Card(app, 0).QuerySelector("[data-figure=max-concurrency] .channel-figure-value")!.TextContent.Trim());
        Assert.Equal("60", Card(app, 0).QuerySelector("[data-figure=rpm] .channel-figure-value")!.TextContent.Trim());
        Assert.Equal("Headers: User-Agent, X-Relay-Token", Card(app, 0).QuerySelector(".channel-headers")!.TextContent.Trim());
        Assert.DoesNotContain("claude-cli/1.0.0", Card(app, 0).TextContent, StringComparison.Ordinal);
        Assert.Null(Card(app, 1).QuerySelector("[data-figure=max-concurrency]"));
        Assert.Null(Card(app, 1).QuerySelector("[data-figure=rpm]"));
        Assert.Null(Card(app, 1).QuerySelector(".channel-headers"));
    }

    [Fact]
    public void The_routing_words_come_in_chinese_too()
    {
        _panel.Stored("claudeProxy.language", "zh-CN");
        var app = OpenPage();

        Assert.Equal("临时置顶至 06-01 20:05", Card(app, 0).QuerySelector(".channel-promoted")!.TextContent.Trim());
        Assert.Equal("已达上限（最大并发）", Card(app, 0).QuerySelector(".key-capped")!.TextContent.Trim());
        Assert.Equal("至 06-01 20:05 · 已达速率上限（据上游响应头）", Card(app, 0).QuerySelector(".key-rest")!.TextContent.Trim());
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
