using System.Net;
using System.Text.Json.Nodes;
using Bunit;
using ClaudeProxy.Panel.Channels;
using MudBlazor;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

/// <summary>The add / edit dialog's "more options": more base URLs, client doors and the per-type options, as they go to the gateway.</summary>
public sealed class ChannelDialogMoreOptionsTests : IAsyncDisposable
{
    private const string List = """
        {"channels":[
          {"id":"ch-o","name":"relay","serviceType":"openai","baseUrl":"https://relay.example.com/v1","baseUrls":["https://relay-2.example.com/v1","https://relay-3.example.com/v1"],
           "apiKeys":[],"doors":["messages","chat"],"maxTokens":8192,"reasoning":"openai","forwardUserId":false,"loadBalance":"round-robin",
           "index":0,"keyCount":0,"status":"active","priority":0,"weight":1,"current":true},
          {"id":"ch-g","name":"gemini","serviceType":"gemini","baseUrl":"https://generativelanguage.googleapis.com","apiKeys":[],"stripThoughtSignature":true,
           "list":"geminiUpstream","defaultDoors":["gemini"],"index":1,"keyCount":0,"status":"active","priority":1,"weight":1,"current":false},
          {"id":"ch-a","name":"anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":[],
           "index":2,"keyCount":0,"status":"active","priority":2,"weight":1,"current":false}
        ],"current":0,"loadBalance":"failover"}
        """;

    private const string Empty = """{"window":"15m","by":"channel","totals":{},"groups":[],"series":[]}""";
    private const string One = """{"id":"ch-o","name":"relay","serviceType":"openai","baseUrl":"https://relay.example.com/v1","apiKeys":[],"index":0,"keyCount":0,"status":"active","priority":0,"weight":1,"current":true}""";

    /// <summary>Every option the section edits, by its JSON name.</summary>
    private static readonly string[] OptionFields =
    [
        "baseUrls", "doors", "authStyle", "loadBalance", "insecureSkipVerify", "maxTokens", "reasoning",
        "systemMessagesInPlace", "foldSystemMessages", "forwardUserId", "injectDummyThoughtSignature", "stripThoughtSignature",
    ];

    private readonly PanelTestContext _panel = new();

    public ChannelDialogMoreOptionsTests()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/channels", HttpStatusCode.OK, List);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/health", HttpStatusCode.OK, """{"channels":[]}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=15m&by=channel", HttpStatusCode.OK, Empty);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h&by=key", HttpStatusCode.OK, Empty);
        foreach (var id in new[] { "ch-o", "ch-g", "ch-a" })
        {
            _panel.Gateway.Answer(HttpMethod.Put, $"/api/channels/{id}", HttpStatusCode.OK, One);
        }

        _panel.Gateway.Answer(HttpMethod.Post, "/api/channels", HttpStatusCode.Created, One);
    }

    private IRenderedComponent<App> OpenPage()
    {
        var app = _panel.Open("channels");
        app.WaitForAssertion(() => Assert.Equal(3, app.FindAll(".channel-card").Count));
        return app;
    }

    private IRenderedComponent<App> Edit(int card)
    {
        var app = OpenPage();
        app.FindAll(".channel-card")[card].QuerySelector(".channel-edit")!.Click();
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".channel-dialog")));
        return app;
    }

    private IRenderedComponent<App> Add()
    {
        var app = OpenPage();
        app.Find(".channel-add").Click();
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".channel-dialog")));
        app.Find(".field-name input").Input("relay");
        app.Find(".field-base-url input").Input("https://relay.example.com");
        return app;
    }

    private static void PickType(IRenderedComponent<App> app, string serviceType)
    {
        var select = app.FindComponents<MudSelect<string>>().Single(s => s.Instance.Class?.Contains("field-type", StringComparison.Ordinal) == true);
        app.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(serviceType)).GetAwaiter().GetResult();
    }

    private static void Pick(IRenderedComponent<App> app, string field, string value)
    {
        var select = app.FindComponents<MudSelect<string>>().Single(s => s.Instance.Class?.Contains(field, StringComparison.Ordinal) == true);
        app.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value)).GetAwaiter().GetResult();
    }

    private static void Tick(IRenderedComponent<App> app, string field, bool on) => app.Find($".{field} input[type=checkbox]").Change(on);

    private static bool Ticked(IRenderedComponent<App> app, string field) => app.Find($".{field} input[type=checkbox]").HasAttribute("checked");

    private static void Save(IRenderedComponent<App> app)
    {
        app.Find(".dialog-save").Click();
        app.WaitForAssertion(() => Assert.Empty(app.FindAll(".channel-dialog")));
    }

    private JsonObject SentBody(HttpMethod method) => JsonNode.Parse(Assert.Single(_panel.Gateway.Requests, r => r.Method == method).Body!)!.AsObject();

    [Fact]
    public void Editing_shows_the_channel_s_options_unfolded_and_sends_none_of_them_when_none_changed()
    {
        var app = Edit(0);

        Assert.False(app.Find(".channel-more").HasAttribute("hidden"));
        Assert.Equal("https://relay-2.example.com/v1\nhttps://relay-3.example.com/v1", app.Find(".field-base-urls textarea").GetAttribute("value"));
        Assert.True(Ticked(app, "field-door-messages"));
        Assert.True(Ticked(app, "field-door-chat"));
        Assert.False(Ticked(app, "field-door-responses"));
        Assert.False(Ticked(app, "field-door-gemini"));
        Assert.Equal("8192", app.Find(".field-max-tokens input").GetAttribute("value"));
        Assert.False(Ticked(app, "field-forward-user-id"));
        Save(app);

        var sent = SentBody(HttpMethod.Put);
        Assert.Equal("https://relay.example.com/v1", (string)sent["baseUrl"]!);
        Assert.All(OptionFields, field => Assert.False(sent.ContainsKey(field), field));
    }

    [Fact]
    public void A_channel_without_options_opens_with_them_folded_and_every_door_checked()
    {
        var app = Edit(2);

        Assert.True(app.Find(".channel-more").HasAttribute("hidden"));
        Assert.All(["messages", "chat", "responses", "gemini"], door => Assert.True(Ticked(app, $"field-door-{door}"), door));
        Assert.Equal("", app.Find(".field-base-urls textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public void Changed_options_are_sent_and_emptied_ones_are_sent_as_null_which_removes_them()
    {
        var app = Edit(0);
        app.Find(".field-base-urls textarea").Input("https://relay-4.example.com/v1\n\n");
        Tick(app, "field-door-responses", true);
        app.Find(".field-max-tokens input").Input("");
        Pick(app, "field-reasoning", "deepseek");
        Pick(app, "field-key-strategy", "");
        Tick(app, "field-forward-user-id", true);
        Save(app);

        var sent = SentBody(HttpMethod.Put);
        Assert.Equal("""["https://relay-4.example.com/v1"]""", sent["baseUrls"]!.ToJsonString());
        Assert.Equal("""["messages","chat","responses"]""", sent["doors"]!.ToJsonString());
        Assert.Equal("deepseek", (string)sent["reasoning"]!);
        foreach (var removed in new[] { "maxTokens", "loadBalance", "forwardUserId" })
        {
            Assert.True(sent.ContainsKey(removed), removed);
            Assert.Null(sent[removed]);
        }

        Assert.False(sent.ContainsKey("foldSystemMessages"));
    }

    [Fact]
    public void Emptied_base_urls_and_every_door_checked_are_sent_as_null()
    {
        var app = Edit(0);
        app.Find(".field-base-urls textarea").Input(" ");
        Tick(app, "field-door-responses", true);
        Tick(app, "field-door-gemini", true);
        Save(app);

        var sent = SentBody(HttpMethod.Put);
        foreach (var removed in new[] { "baseUrls", "doors" })
        {
            Assert.True(sent.ContainsKey(removed), removed);
            Assert.Null(sent[removed]);
        }
    }

    [Fact]
    public void A_new_channel_sends_only_the_options_set_away_from_their_defaults()
    {
        var app = Add();
        PickType(app, "gemini");
        app.Find(".field-base-urls textarea").Input("https://relay-2.example.com\nhttps://relay-3.example.com");
        Tick(app, "field-door-gemini", false);
        app.Find(".field-max-tokens input").Input("65536");
        Pick(app, "field-reasoning", "gemini-level");
        Tick(app, "field-inject-thought-signature", true);
        Save(app);

        var sent = SentBody(HttpMethod.Post);
        Assert.Equal("""["https://relay-2.example.com","https://relay-3.example.com"]""", sent["baseUrls"]!.ToJsonString());
        Assert.Equal("""["messages","chat","responses"]""", sent["doors"]!.ToJsonString());
        Assert.Equal(65536, (int)sent["maxTokens"]!);
        Assert.Equal("gemini-level", (string)sent["reasoning"]!);
        Assert.True((bool)sent["injectDummyThoughtSignature"]!);
        Assert.All(["authStyle", "loadBalance", "insecureSkipVerify", "foldSystemMessages", "stripThoughtSignature", "forwardUserId", "systemMessagesInPlace"],
            field => Assert.False(sent.ContainsKey(field), field));
    }

    [Fact]
    public void The_gemini_thought_signature_flags_show_as_stored_and_only_the_changed_one_is_sent()
    {
        var app = Edit(1);
        Assert.True(Ticked(app, "field-strip-thought-signature"));
        Assert.False(Ticked(app, "field-inject-thought-signature"));
        Tick(app, "field-inject-thought-signature", true);
        Save(app);

        var sent = SentBody(HttpMethod.Put);
        Assert.True((bool)sent["injectDummyThoughtSignature"]!);
        Assert.False(sent.ContainsKey("stripThoughtSignature"));
    }

    [Fact]
    public void A_channel_kept_in_a_door_s_own_list_opens_with_that_door_alone_and_saves_no_doors_field_when_left_so()
    {
        var app = Edit(1);
        Assert.Equal([false, false, false, true], ChannelOptions.Doors.Select(door => Ticked(app, $"field-door-{door}")));
        Tick(app, "field-door-messages", true);
        Tick(app, "field-door-messages", false);
        Save(app);

        Assert.False(SentBody(HttpMethod.Put).ContainsKey("doors"));
    }

    [Fact]
    public void A_door_added_to_a_door_list_channel_sends_the_doors_it_serves_then()
    {
        var app = Edit(1);
        Tick(app, "field-door-messages", true);
        Save(app);

        Assert.Equal("""["messages","gemini"]""", SentBody(HttpMethod.Put)["doors"]!.ToJsonString());
    }

    [Fact]
    public void A_bad_extra_base_url_or_no_door_checked_is_not_sent_and_unfolds_the_options_to_say_what_is_wrong()
    {
        var app = Add();
        Assert.True(app.Find(".channel-more").HasAttribute("hidden"));
        app.Find(".field-base-urls textarea").Input("https://relay-2.example.com\nftp://relay-3.example.com");
        foreach (var door in new[] { "messages", "chat", "responses", "gemini" })
        {
            Tick(app, $"field-door-{door}", false);
        }

        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.False(app.Find(".channel-more").HasAttribute("hidden")));
        Assert.Contains("“ftp://relay-3.example.com” is not an absolute http(s) URL.", app.Find(".field-base-urls").TextContent, StringComparison.Ordinal);
        Assert.Equal("Client doors: check at least one.", app.Find(".field-doors-error").TextContent.Trim());
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void Folding_system_messages_and_keeping_them_in_place_together_is_refused_by_name()
    {
        var app = Edit(0);
        Tick(app, "field-system-messages-in-place", true);
        Tick(app, "field-fold-system-messages", true);
        app.Find(".dialog-save").Click();

        app.WaitForAssertion(() => Assert.Contains("Cannot be on with “Send mid-conversation system messages as system messages”.",
            app.Find(".field-fold-error").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Put);
    }

    [Fact]
    public void The_base_url_may_be_left_empty_when_more_base_urls_name_the_endpoints()
    {
        var app = Edit(0);
        app.Find(".field-base-url input").Input("");
        Save(app);

        var sent = SentBody(HttpMethod.Put);
        Assert.True(sent.ContainsKey("baseUrl"));
        Assert.Null(sent["baseUrl"]);
    }

    [Theory]
    [InlineData("claude", "field-auth-style", "field-max-tokens field-reasoning field-fold-system-messages field-system-messages-in-place field-forward-user-id field-inject-thought-signature")]
    [InlineData("openai", "field-max-tokens field-reasoning field-fold-system-messages field-system-messages-in-place field-forward-user-id", "field-auth-style field-inject-thought-signature field-strip-thought-signature")]
    [InlineData("openaiold", "field-max-tokens field-reasoning field-system-messages-in-place field-forward-user-id", "field-auth-style field-strip-thought-signature")]
    [InlineData("responses", "field-max-tokens field-reasoning field-fold-system-messages field-forward-user-id", "field-auth-style field-system-messages-in-place field-inject-thought-signature")]
    [InlineData("gemini", "field-max-tokens field-reasoning field-fold-system-messages field-inject-thought-signature field-strip-thought-signature", "field-auth-style field-system-messages-in-place field-forward-user-id")]
    public void Options_are_shown_only_for_the_service_types_they_apply_to(string serviceType, string shown, string hidden)
    {
        var app = Add();
        PickType(app, serviceType);

        Assert.All(shown.Split(' '), field => Assert.NotEmpty(app.FindAll($".{field}")));
        Assert.All(hidden.Split(' '), field => Assert.Empty(app.FindAll($".{field}")));
        Assert.All(["field-base-urls", "field-door-messages", "field-key-strategy", "field-insecure-skip-verify"], field => Assert.NotEmpty(app.FindAll($".{field}")));
    }

    [Fact]
    public void Switching_the_type_removes_the_options_only_the_old_type_understood()
    {
        var app = Edit(0);
        PickType(app, "claude");
        Save(app);

        var sent = SentBody(HttpMethod.Put);
        foreach (var removed in new[] { "maxTokens", "reasoning", "forwardUserId" })
        {
            Assert.True(sent.ContainsKey(removed), removed);
            Assert.Null(sent[removed]);
        }

        // Options every type has stay as they were.
        Assert.False(sent.ContainsKey("baseUrls"));
        Assert.False(sent.ContainsKey("doors"));
        Assert.False(sent.ContainsKey("loadBalance"));
    }

    [Fact]
    public void The_options_speak_chinese_when_asked()
    {
        _panel.Stored("claudeProxy.language", "zh-CN");
        var app = Edit(0);

        Assert.Equal("更多选项", app.Find(".channel-more-toggle").TextContent.Trim());
        Assert.Contains("客户端入口", app.Find(".field-doors").TextContent, StringComparison.Ordinal);
        Assert.Contains("更多基础 URL（每行一个）", app.Find(".field-base-urls").TextContent, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
