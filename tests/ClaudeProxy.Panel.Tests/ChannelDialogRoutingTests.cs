using System.Net;
using System.Text.Json.Nodes;
using Bunit;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

/// <summary>The add / edit dialog's per-key caps and channel headers, as they go to the gateway.</summary>
public sealed class ChannelDialogRoutingTests : IAsyncDisposable
{
    // The gateway masks the value of a secret-looking header: X-Relay-Token's real value never reaches the panel.
    private const string List = """
        {"channels":[
          {"id":"ch-a","name":"anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["sk-ant…1111"],
           "headers":{"User-Agent":"claude-cli/1.0.0","X-Relay-Token":"sec…oken"},"maxConcurrency":4,"rpm":60,
           "index":0,"keyCount":1,"status":"active","priority":0,"weight":1,"current":true}
        ],"current":0,"loadBalance":"failover"}
        """;

    private const string Empty = """{"window":"15m","by":"channel","totals":{},"groups":[],"series":[]}""";
    private const string One = """{"id":"ch-a","name":"anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":[],"index":0,"keyCount":0,"status":"active","priority":0,"weight":1,"current":true}""";

    private readonly PanelTestContext _panel = new();

    public ChannelDialogRoutingTests()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/channels", HttpStatusCode.OK, List);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/health", HttpStatusCode.OK, """{"channels":[]}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=15m&by=channel", HttpStatusCode.OK, Empty);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=key", HttpStatusCode.OK, Empty);
        _panel.Gateway.Answer(HttpMethod.Put, "/api/channels/ch-a", HttpStatusCode.OK, One);
        _panel.Gateway.Answer(HttpMethod.Post, "/api/channels", HttpStatusCode.Created, One);
    }

    private IRenderedComponent<App> OpenDialog(bool adding)
    {
        var app = _panel.Open("channels");
        app.WaitForAssertion(() => Assert.Single(app.FindAll(".channel-card")));
        app.Find(adding ? ".channel-add" : ".channel-edit").Click();
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".channel-dialog")));
        return app;
    }

    private JsonObject SentBody(HttpMethod method) => JsonNode.Parse(Assert.Single(_panel.Gateway.Requests, r => r.Method == method).Body!)!.AsObject();

    [Fact]
    public void A_new_channel_is_sent_with_its_caps_and_headers()
    {
        var app = OpenDialog(adding: true);
        app.Find(".field-name input").Input("relay");
        app.Find(".field-base-url input").Input("https://relay.example.com");
        app.Find(".field-max-concurrency input").Input("3");
        app.Find(".field-rpm input").Input("120");
        app.Find(".field-headers textarea").Input("User-Agent: claude-cli/2.0.1 (external, cli)\n\n  X-Title :  my team ");
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Empty(app.FindAll(".channel-dialog")));
        var sent = SentBody(HttpMethod.Post);
        Assert.Equal(3, (int)sent["maxConcurrency"]!);
        Assert.Equal(120, (int)sent["rpm"]!);
        Assert.Equal("""{"User-Agent":"claude-cli/2.0.1 (external, cli)","X-Title":"my team"}""", sent["headers"]!.ToJsonString());
    }

    [Fact]
    public void Editing_without_touching_caps_or_headers_keeps_the_caps_and_leaves_the_masked_headers_out()
    {
        var app = OpenDialog(adding: false);
        Assert.Equal("4", app.Find(".field-max-concurrency input").GetAttribute("value"));
        Assert.Equal("User-Agent: claude-cli/1.0.0\nX-Relay-Token: sec…oken", app.Find(".field-headers textarea").GetAttribute("value"));
        app.Find(".field-name input").Input("anthropic main");
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Empty(app.FindAll(".channel-dialog")));
        var sent = SentBody(HttpMethod.Put);
        Assert.Equal(4, (int)sent["maxConcurrency"]!);
        Assert.Equal(60, (int)sent["rpm"]!);
        Assert.False(sent.ContainsKey("headers"));
    }

    [Fact]
    public void Emptied_caps_and_headers_are_sent_as_null_which_removes_them()
    {
        var app = OpenDialog(adding: false);
        app.Find(".field-max-concurrency input").Input("");
        app.Find(".field-rpm input").Input(" ");
        app.Find(".field-headers textarea").Input("");
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Empty(app.FindAll(".channel-dialog")));
        var sent = SentBody(HttpMethod.Put);
        foreach (var field in new[] { "maxConcurrency", "rpm", "headers" })
        {
            Assert.True(sent.ContainsKey(field), field);
            Assert.Null(sent[field]);
        }
    }

    [Fact]
    public void A_changed_header_field_sends_a_masked_value_back_under_its_own_name_but_not_under_another()
    {
        var app = OpenDialog(adding: false);
        app.Find(".field-headers textarea").Input("User-Agent: claude-cli/2.0.0\nX-Other-Token: sec…oken");
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Contains("The value of “X-Other-Token” is shown masked", app.Find(".field-headers").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Put);

        // Under its own name the mask stands for the stored value: the gateway keeps it.
        app.Find(".field-headers textarea").Input("User-Agent: claude-cli/2.0.0\nX-Relay-Token: sec…oken");
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Empty(app.FindAll(".channel-dialog")));
        Assert.Equal("""{"User-Agent":"claude-cli/2.0.0","X-Relay-Token":"sec\u2026oken"}""", SentBody(HttpMethod.Put)["headers"]!.ToJsonString());
    }

    [Fact]
    public void Bad_caps_and_a_credential_header_are_not_sent_and_each_field_says_what_is_wrong()
    {
        var app = OpenDialog(adding: true);
        app.Find(".field-name input").Input("relay");
        app.Find(".field-base-url input").Input("https://relay.example.com");
        app.Find(".field-max-concurrency input").Input("0");
        app.Find(".field-rpm input").Input("sixty");
        app.Find(".field-headers textarea").Input("User-Agent: x\nx-api-key: sk-secret");
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Contains("1 or more.", app.Find(".field-max-concurrency").TextContent, StringComparison.Ordinal));
        Assert.Contains("A whole number.", app.Find(".field-rpm").TextContent, StringComparison.Ordinal);
        Assert.Contains("“x-api-key” cannot be set here", app.Find(".field-headers").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void A_header_the_gateway_refuses_is_shown_in_its_own_words()
    {
        _panel.Gateway.Answer(HttpMethod.Put, "/api/channels/ch-a", HttpStatusCode.BadRequest,
            """{"type":"error","error":{"type":"invalid_request_error","message":"upstream[0].headers: 'X-Odd' cannot be set here"}}""");
        var app = OpenDialog(adding: false);
        app.Find(".field-headers textarea").Input("X-Odd: 1");
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Equal("upstream[0].headers: 'X-Odd' cannot be set here", app.Find(".dialog-error").TextContent.Trim()));
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
