using System.Net;
using Bunit;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class ChannelsPageTests : IAsyncDisposable
{
    private const string List = """
        {"channels":[
          {"id":"ch-a","name":"anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["sk-ant…1111","sk-ant…2222"],
           "modelMapping":{"opus":"claude-opus-4"},"index":0,"keyCount":2,"status":"active","priority":0,"weight":1,"current":true,"health":null},
          {"id":"ch-b","name":"relay","serviceType":"openai","baseUrl":"https://relay.example.com","apiKeys":[],
           "index":1,"keyCount":0,"status":"disabled","priority":1,"weight":3,"current":false,"health":null}
        ],"current":0,"loadBalance":"failover"}
        """;

    private const string Health = """
        {"time":"2026-01-01T00:00:00Z","channels":[
          {"id":"ch-a","name":"anthropic","serviceType":"claude","state":"open","failureRate":0.5,"requests15m":4,"keys":[
            {"index":0,"key":"sk-ant…1111","state":"ok","lastError":null,"lastSuccess":null,"requests15m":3},
            {"index":1,"key":"sk-ant…2222","state":"resting","restingUntil":"2026-01-01T00:01:00Z","lastError":{"kind":"rate_limit","status":429,"message":"slow down","time":"2026-01-01T00:00:00Z"},"lastSuccess":null,"requests15m":1}]}
        ]}
        """;

    private const string ChannelStats = """{"window":"15m","by":"channel","totals":{},"groups":[{"name":"anthropic","requests":42,"errors":1,"inputTokens":100,"outputTokens":50,"cacheHitRate":0.25,"costUsd":0.5}],"series":[]}""";
    private const string KeyStats = """{"window":"24h","by":"key","totals":{},"groups":[{"name":"sk-ant…1111","requests":1234,"errors":0,"inputTokens":1000,"outputTokens":500,"cacheHitRate":null,"costUsd":2.5}],"series":[]}""";
    private const string One = """{"id":"ch-new","name":"x","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":[],"index":2,"keyCount":0,"status":"active","priority":2,"weight":1,"current":false}""";

    private readonly PanelTestContext _panel = new();

    public ChannelsPageTests()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/channels", HttpStatusCode.OK, List);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/health", HttpStatusCode.OK, Health);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=15m&by=channel", HttpStatusCode.OK, ChannelStats);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=key", HttpStatusCode.OK, KeyStats);
    }

    private IRenderedComponent<App> OpenPage()
    {
        var app = _panel.Open("channels");
        app.WaitForAssertion(() => Assert.Equal(2, app.FindAll(".channel-card").Count));
        return app;
    }

    private static string Figure(IRenderedComponent<App> app, int card, string name) =>
        app.FindAll(".channel-card")[card].QuerySelector($"[data-figure={name}] .channel-figure-value")!.TextContent.Trim();

    [Fact]
    public void Each_channel_shows_its_settings_health_and_last_fifteen_minutes()
    {
        var app = OpenPage();

        var first = app.FindAll(".channel-card")[0];
        Assert.Equal("anthropic", first.QuerySelector(".channel-name")!.TextContent.Trim());
        Assert.Equal("claude", first.QuerySelector(".channel-type")!.TextContent.Trim());
        Assert.Equal("https://api.anthropic.com", first.QuerySelector(".channel-url")!.TextContent.Trim());
        Assert.NotNull(first.QuerySelector(".channel-first"));
        Assert.Equal("Open (paused)", Figure(app, 0, "circuit"));
        Assert.Equal("1", Figure(app, 0, "resting"));
        Assert.Equal("42", Figure(app, 0, "requests"));
        Assert.Equal("25 %", Figure(app, 0, "cache"));
        Assert.Contains("rate_limit 429: slow down", first.QuerySelector(".channel-last-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Disabled", app.FindAll(".channel-card")[1].QuerySelector(".channel-status")!.TextContent.Trim());
        Assert.Equal("3", Figure(app, 1, "weight"));
    }

    [Fact]
    public void Keys_are_listed_masked_with_their_state_and_last_day_of_usage()
    {
        var app = OpenPage();

        var rows = app.FindAll(".channel-card")[0].QuerySelectorAll(".key-row");
        Assert.Equal(["sk-ant…1111", "sk-ant…2222"], rows.Select(r => r.QuerySelector(".key-masked")!.TextContent.Trim()).ToArray());
        Assert.Contains("1,234", rows[0].QuerySelector(".key-usage")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1,500", rows[0].QuerySelector(".key-usage")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("$2.50", rows[0].QuerySelector(".key-usage")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Resting", rows[1].QuerySelector(".key-state")!.TextContent.Trim());
        Assert.Contains("slow down", rows[1].QuerySelector(".key-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_key_asks_first_then_deletes_it_by_position()
    {
        _panel.Gateway.Answer(HttpMethod.Delete, "/api/channels/ch-a/keys/1", HttpStatusCode.OK, One);
        var app = OpenPage();

        app.FindAll(".channel-card")[0].QuerySelectorAll(".key-remove")[1].Click();
        app.WaitForAssertion(() => Assert.Contains("sk-ant…2222", app.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Delete);
        app.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Remove key").Click();

        app.WaitForAssertion(() => Assert.Contains(_panel.Gateway.Requests, r => r.Method == HttpMethod.Delete && r.PathAndQuery == "/api/channels/ch-a/keys/1"));
    }

    [Fact]
    public void Several_keys_are_added_in_one_request_and_the_box_is_emptied()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/channels/ch-b/keys", HttpStatusCode.Created, One);
        var app = OpenPage();

        var second = app.FindAll(".channel-card")[1];
        second.QuerySelector(".keys-new textarea")!.Input("sk-first-key-0001\n\n  sk-second-key-0002  \n");
        app.FindAll(".channel-card")[1].QuerySelector(".keys-add")!.Click();

        app.WaitForAssertion(() => Assert.Equal(
            """{"apiKeys":["sk-first-key-0001","sk-second-key-0002"]}""",
            Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post).Body));
        app.WaitForAssertion(() => Assert.Equal("", app.FindAll(".channel-card")[1].QuerySelector(".keys-new textarea")!.GetAttribute("value") ?? ""));
    }

    [Fact]
    public void A_refused_key_list_keeps_every_line_and_shows_the_gateways_message()
    {
        const string refusal = """{"type":"error","error":{"type":"invalid_request_error","message":"Channel 'relay' has this key already: sk-fir…0001. No key was added."}}""";
        _panel.Gateway.Answer(HttpMethod.Post, "/api/channels/ch-b/keys", HttpStatusCode.Conflict, refusal);
        var app = OpenPage();

        app.FindAll(".channel-card")[1].QuerySelector(".keys-new textarea")!.Input("sk-first-key-0001\nsk-second-key-0002");
        app.FindAll(".channel-card")[1].QuerySelector(".keys-add")!.Click();

        app.WaitForAssertion(() => Assert.Contains("sk-fir…0001", app.FindAll(".channel-card")[1].QuerySelector(".keys-error")!.TextContent, StringComparison.Ordinal));
        Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal("sk-first-key-0001\nsk-second-key-0002", app.FindAll(".channel-card")[1].QuerySelector(".keys-new textarea")!.GetAttribute("value"));
    }

    [Fact]
    public void Every_card_has_a_labelled_drag_handle_besides_the_arrows()
    {
        var app = OpenPage();

        foreach (var card in app.FindAll(".channel-card"))
        {
            var handle = card.QuerySelector(".channel-drag");
            Assert.NotNull(handle);
            Assert.Equal("Drag to reorder", handle.GetAttribute("aria-label"));
            Assert.NotNull(card.QuerySelector(".channel-up"));
            Assert.NotNull(card.QuerySelector(".channel-down"));
        }
    }

    [Fact]
    public void Moving_a_channel_down_sends_the_swapped_order()
    {
        _panel.Gateway.Answer(HttpMethod.Put, "/api/channels/order", HttpStatusCode.OK, List);
        var app = OpenPage();

        app.FindAll(".channel-card")[0].QuerySelector(".channel-down")!.Click();

        app.WaitForAssertion(() => Assert.Equal("""{"order":["ch-b","ch-a"]}""", Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Put).Body));
        Assert.True(app.FindAll(".channel-card")[0].QuerySelector(".channel-up")!.HasAttribute("disabled"));
        Assert.True(app.FindAll(".channel-card")[1].QuerySelector(".channel-down")!.HasAttribute("disabled"));
    }

    [Fact]
    public void Dropping_a_card_at_the_top_sends_the_new_order_once()
    {
        _panel.Gateway.Answer(HttpMethod.Put, "/api/channels/order", HttpStatusCode.OK, List);
        var app = OpenPage();
        var container = app.FindComponent<MudBlazor.MudDropContainer<ClaudeProxy.Panel.Services.ChannelView>>();
        var relay = container.Instance.Items.Single(c => c.Id == "ch-b");

        app.InvokeAsync(() => container.Instance.ItemDropped.InvokeAsync(new MudBlazor.MudItemDropInfo<ClaudeProxy.Panel.Services.ChannelView>(relay, "channels", 0)));

        app.WaitForAssertion(() => Assert.Equal("""{"order":["ch-b","ch-a"]}""", Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Put).Body));
    }

    [Fact]
    public void After_a_move_the_cards_show_the_order_the_gateway_answers_with_and_a_third_channel_appears()
    {
        _panel.Gateway.Answer(HttpMethod.Put, "/api/channels/order", HttpStatusCode.OK, List);
        var app = OpenPage();
        var reordered = """
            {"channels":[
              {"id":"ch-b","name":"relay","serviceType":"openai","baseUrl":"https://relay.example.com","apiKeys":[],"index":0,"keyCount":0,"status":"active","priority":0,"weight":1,"current":true},
              {"id":"ch-a","name":"anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":[],"index":1,"keyCount":0,"status":"active","priority":1,"weight":1,"current":false},
              {"id":"ch-c","name":"third","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":[],"index":2,"keyCount":0,"status":"active","priority":2,"weight":1,"current":false}
            ],"current":0,"loadBalance":"failover"}
            """;
        _panel.Gateway.Answer(HttpMethod.Get, "/api/channels", HttpStatusCode.OK, reordered);

        app.FindAll(".channel-card")[0].QuerySelector(".channel-down")!.Click();

        app.WaitForAssertion(() => Assert.Equal(["relay", "anthropic", "third"], app.FindAll(".channel-card .channel-name").Select(n => n.TextContent.Trim()).ToArray()));
    }

    [Fact]
    public void Disabling_and_using_first_call_their_endpoints()
    {
        _panel.Gateway.Answer(HttpMethod.Put, "/api/channels/ch-a", HttpStatusCode.OK, One);
        _panel.Gateway.Answer(HttpMethod.Post, "/api/channels/ch-b/current", HttpStatusCode.OK, One);
        var app = OpenPage();

        app.FindAll(".channel-card")[0].QuerySelector(".channel-toggle")!.Click();
        app.WaitForAssertion(() => Assert.Equal("""{"status":"disabled"}""", Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Put).Body));
        app.WaitForAssertion(() => Assert.False(app.FindAll(".channel-card")[1].QuerySelector(".channel-use-first")!.HasAttribute("disabled")));
        app.FindAll(".channel-card")[1].QuerySelector(".channel-use-first")!.Click();

        app.WaitForAssertion(() => Assert.Contains(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == "/api/channels/ch-b/current"));
    }

    [Fact]
    public void Ping_shows_the_honest_status_and_latency()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/ping/ch-a", HttpStatusCode.OK, """{"id":"ch-a","index":0,"name":"anthropic","latency":123.4,"httpStatus":401,"status":"auth_error"}""");
        var app = OpenPage();

        app.FindAll(".channel-card")[0].QuerySelector(".channel-ping")!.Click();

        app.WaitForAssertion(() => Assert.Equal("Key refused (401) · 123 ms", app.Find(".channel-ping-result").TextContent.Trim()));
    }

    [Fact]
    public void Deleting_a_channel_asks_first_and_cancel_keeps_it()
    {
        _panel.Gateway.Answer(HttpMethod.Delete, "/api/channels/ch-b", HttpStatusCode.OK, """{"deleted":"ch-b","upstreamCount":1}""");
        var app = OpenPage();

        app.FindAll(".channel-card")[1].QuerySelector(".channel-delete")!.Click();
        app.WaitForAssertion(() => Assert.Contains("“relay”", app.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        app.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        app.WaitForAssertion(() => Assert.Empty(app.FindAll(".mud-dialog")));
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Delete);

        app.FindAll(".channel-card")[1].QuerySelector(".channel-delete")!.Click();
        app.WaitForAssertion(() => Assert.NotEmpty(app.FindAll(".mud-dialog")));
        app.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        app.WaitForAssertion(() => Assert.Contains(_panel.Gateway.Requests, r => r.Method == HttpMethod.Delete && r.PathAndQuery == "/api/channels/ch-b"));
    }

    [Fact]
    public void The_add_dialog_fills_itself_from_pasted_text_and_posts_keys_and_mapping()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/channels", HttpStatusCode.Created, One);
        var app = OpenPage();

        app.Find(".channel-add").Click();
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".channel-dialog")));
        app.Find(".quick-add-text textarea").Input("https://api.anthropic.com\nsk-ant-api03-aaaaaaaaaaaaaaaaaaaa\nsk-ant-api03-bbbbbbbbbbbbbbbbbbbb");
        app.Find(".quick-add-apply").Click();
        app.Find(".mapping-add-opus").Click();
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".mapping-target input")));
        app.Find(".mapping-target input").Input("claude-opus-4-1");
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Empty(app.FindAll(".channel-dialog")));
        var post = Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal(
            """{"name":"anthropic.com","serviceType":"claude","baseUrl":"https://api.anthropic.com","description":null,"weight":null,"modelMapping":{"opus":"claude-opus-4-1"},"models":null,"apiKeys":["sk-ant-api03-aaaaaaaaaaaaaaaaaaaa","sk-ant-api03-bbbbbbbbbbbbbbbbbbbb"],"maxConcurrency":null,"rpm":null}""",
            post.Body);
    }

    [Fact]
    public void An_invalid_form_is_not_sent_and_says_which_field_is_wrong()
    {
        var app = OpenPage();

        app.Find(".channel-add").Click();
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".channel-dialog")));
        app.Find(".field-base-url input").Input("not a url");
        app.Find(".field-weight input").Input("0");
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Contains("1 or more.", app.Find(".field-weight").TextContent, StringComparison.Ordinal));
        Assert.Contains("An absolute http(s) URL", app.Find(".field-base-url").TextContent, StringComparison.Ordinal);
        Assert.Contains("Required.", app.Find(".field-name").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void A_refusal_by_the_gateway_is_shown_in_the_dialog_in_its_own_words()
    {
        _panel.Gateway.Answer(HttpMethod.Put, "/api/channels/ch-a", HttpStatusCode.BadRequest,
            """{"type":"error","error":{"type":"invalid_request_error","message":"baseUrl: refused: a cloud metadata address"}}""");
        var app = OpenPage();

        app.FindAll(".channel-card")[0].QuerySelector(".channel-edit")!.Click();
        app.WaitForAssertion(() => Assert.Equal("anthropic", app.Find(".field-name input").GetAttribute("value")));
        Assert.Empty(app.FindAll(".field-keys"));
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Equal("baseUrl: refused: a cloud metadata address", app.Find(".dialog-error").TextContent.Trim()));
        var put = Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Put);
        Assert.DoesNotContain("apiKeys", put.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("priority", put.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_channel_list_shows_an_error_and_a_retry_button_not_the_exception()
    {
        _panel.Gateway.Answer(HttpMethod.Get, "/api/channels", HttpStatusCode.InternalServerError, """{"error":{"message":"System.IO.IOException at Foo"}}""");

        var app = _panel.Open("channels");

        app.WaitForAssertion(() => Assert.NotNull(app.Find(".load-error")));
        Assert.DoesNotContain("IOException", app.Markup, StringComparison.Ordinal);
        Assert.Contains(app.FindAll("button"), b => b.TextContent.Trim() == "Retry");
    }

    [Fact]
    public void The_page_speaks_chinese_when_asked()
    {
        _panel.Stored("claudeProxy.language", "zh-CN");

        var app = OpenPage();

        Assert.Equal("渠道", app.Find("h1").TextContent.Trim());
        Assert.Equal("已熔断（暂停）", Figure(app, 0, "circuit"));
        Assert.Contains(app.FindAll("button"), b => b.TextContent.Trim() == "添加渠道");
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
