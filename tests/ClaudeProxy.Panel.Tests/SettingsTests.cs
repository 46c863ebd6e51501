using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class SettingsTests : IAsyncDisposable
{
    private const string Health = """{"status":"healthy","uptime":60,"version":"1.2.3","config":{"upstreamCount":2,"loadBalance":"failover"}}""";

    private readonly PanelTestContext _panel = new();

    public SettingsTests()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.Gateway.Answer(HttpMethod.Get, "/health", HttpStatusCode.OK, Health);
    }

    private IRenderedComponent<App> OpenSettings()
    {
        var app = _panel.Open("settings");
        app.WaitForAssertion(() => Assert.NotNull(app.Find(".key-strategy")));
        return app;
    }

    [Fact]
    public void The_strategy_in_force_is_chosen_and_saving_another_sends_it_and_says_saved()
    {
        _panel.Gateway.Answer(HttpMethod.Put, "/api/loadbalance", HttpStatusCode.OK, """{"loadBalance":"round-robin"}""");
        var app = OpenSettings();
        Assert.Contains("mud-checked", app.Find(".strategy-failover").InnerHtml, StringComparison.Ordinal);
        Assert.True(app.Find(".save-strategy").HasAttribute("disabled"));

        app.Find(".strategy-round-robin input").Click();
        app.Find(".save-strategy").Click();

        app.WaitForAssertion(() => Assert.Equal("Saved.", app.Find(".strategy-outcome").TextContent.Trim()));
        var put = Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Put);
        Assert.Equal("""{"strategy":"round-robin"}""", put.Body);
        Assert.Equal("1", put.PanelHeader);
    }

    [Fact]
    public void A_refused_strategy_shows_the_gateways_message()
    {
        _panel.Gateway.Answer(HttpMethod.Put, "/api/loadbalance", HttpStatusCode.BadRequest,
            """{"type":"error","error":{"type":"invalid_request_error","message":"strategy: unknown strategy 'x'"}}""");
        var app = OpenSettings();

        app.Find(".strategy-random input").Click();
        app.Find(".save-strategy").Click();

        app.WaitForAssertion(() => Assert.Equal("strategy: unknown strategy 'x'", app.Find(".strategy-outcome").TextContent.Trim()));
    }

    [Fact]
    public void A_server_failure_while_saving_shows_a_plain_message_not_the_servers_text()
    {
        _panel.Gateway.Answer(HttpMethod.Put, "/api/loadbalance", HttpStatusCode.InternalServerError,
            """{"type":"error","error":{"type":"api_error","message":"The config file could not be written: /home/x/.config denied"}}""");
        var app = OpenSettings();

        app.Find(".strategy-random input").Click();
        app.Find(".save-strategy").Click();

        app.WaitForAssertion(() => Assert.StartsWith("Could not save.", app.Find(".strategy-outcome").TextContent.Trim(), StringComparison.Ordinal));
        Assert.DoesNotContain("/home/x", app.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_export_is_a_download_of_the_masked_config()
    {
        var app = OpenSettings();

        var link = app.Find("a.export-config");

        Assert.Equal("api/config/export", link.GetAttribute("href"));
        Assert.Equal("claude-proxy-config.json", link.GetAttribute("download"));
    }

    [Fact]
    public void An_imported_file_is_posted_as_it_is_and_a_refusal_shows_the_gateways_validation_message()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/config/import", HttpStatusCode.BadRequest,
            """{"type":"error","error":{"type":"invalid_request_error","message":"upstream[0].baseUrl: Field required."}}""");
        var app = OpenSettings();

        app.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{"upstream":[{"name":"x"}]}""", "config.json"));
        Answer(app, "Import");

        app.WaitForAssertion(() => Assert.Contains("The gateway refused this config:", app.Find(".import-outcome").TextContent, StringComparison.Ordinal));
        Assert.Equal("upstream[0].baseUrl: Field required.", app.Find(".import-detail").TextContent.Trim());
        var post = Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal("""{"upstream":[{"name":"x"}]}""", post.Body);
        Assert.Equal("1", post.PanelHeader);
    }

    [Fact]
    public void An_accepted_import_says_so()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/config/import", HttpStatusCode.OK, """{"status":"success","upstreamCount":1,"loadBalance":"failover"}""");
        var app = OpenSettings();

        app.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{}", "config.json"));
        Answer(app, "Import");

        app.WaitForAssertion(() => Assert.Equal("Config imported.", app.Find(".import-outcome").TextContent.Trim()));
    }

    [Fact]
    public void The_snippets_point_anthropic_clients_at_the_page_origin_with_a_placeholder_key()
    {
        var app = OpenSettings();

        var claudeCode = app.Find(".snippet-claude-code pre").TextContent;
        Assert.Equal("export ANTHROPIC_BASE_URL=http://localhost\nexport ANTHROPIC_API_KEY=<your-access-key>", claudeCode);
        Assert.Contains("base_url=\"http://localhost\"", app.Find(".snippet-python pre").TextContent, StringComparison.Ordinal);
        Assert.Contains("baseURL: \"http://localhost\"", app.Find(".snippet-typescript pre").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("OPENAI", app.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Gemini", app.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Copying_a_snippet_puts_its_text_on_the_clipboard()
    {
        _panel.JSInterop.Setup<bool>("claudeProxyPanel.copy", _ => true).SetResult(true);
        var app = OpenSettings();

        app.Find(".snippet-claude-code .copy-snippet").Click();

        var copy = Assert.Single(_panel.JSInterop.Invocations, call => call.Identifier == "claudeProxyPanel.copy");
        Assert.Equal(app.Find(".snippet-claude-code pre").TextContent, copy.Arguments[0]);
    }

    [Fact]
    public void The_version_comes_from_the_gateway()
    {
        var app = OpenSettings();

        Assert.Equal("1.2.3", app.Find(".about .version").TextContent.Trim());
    }

    [Fact]
    public void Settings_read_in_chinese_with_a_chinese_placeholder()
    {
        _panel.Stored("claudeProxy.language", "zh-CN");

        var app = OpenSettings();

        Assert.Contains("密钥策略", app.Markup, StringComparison.Ordinal);
        Assert.Contains("ANTHROPIC_API_KEY=<你的访问密钥>", app.Find(".snippet-claude-code pre").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_importing_a_dialog_says_how_many_channels_the_file_has_its_strategy_and_that_it_replaces_the_config()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/config/import", HttpStatusCode.OK, """{"status":"success","upstreamCount":2,"loadBalance":"round-robin"}""");
        var app = OpenSettings();
        const string File = """
            {
              // the gateway reads comments and trailing commas too
              "upstream": [{"name":"a"}, {"name":"b"},],
              "loadBalance": "round-robin"
            }
            """;

        app.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(File, "prod.json"));

        app.WaitForAssertion(() => Assert.Equal("prod.json has 2 channel(s) and the key strategy “round-robin”.", app.Find(".import-confirm .import-summary").TextContent.Trim()));
        Assert.Contains("replaces the gateway's whole current config", app.Find(".import-confirm .import-replace").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
        Answer(app, "Import");
        app.WaitForAssertion(() => Assert.Equal("Config imported.", app.Find(".import-outcome").TextContent.Trim()));
        Assert.Equal(File, Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post).Body);
    }

    [Fact]
    public void Cancelling_the_import_sends_nothing_and_says_nothing()
    {
        var app = OpenSettings();

        app.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{"upstream":[]}""", "config.json"));
        Answer(app, "Cancel");

        app.WaitForAssertion(() => Assert.Empty(app.FindAll(".import-confirm")));
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
        Assert.Empty(app.FindAll(".import-outcome"));
        Assert.Empty(app.FindAll(".config-transfer .mud-progress-linear"));
    }

    [Theory]
    [InlineData("{\"upstream\": [", "This file is not valid JSON. Nothing was imported.")]
    [InlineData("not json at all", "This file is not valid JSON. Nothing was imported.")]
    [InlineData("", "This file is not valid JSON. Nothing was imported.")]
    [InlineData("[1, 2]", "This file is not a ClaudeProxy config (no “upstream” list). Nothing was imported.")]
    [InlineData("{\"upstream\": 3}", "This file is not a ClaudeProxy config (no “upstream” list). Nothing was imported.")]
    public void A_file_that_is_not_a_json_config_gets_a_plain_message_and_no_dialog(string content, string message)
    {
        var app = OpenSettings();

        app.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(content, "config.json"));

        app.WaitForAssertion(() => Assert.Equal(message, app.Find(".import-outcome").TextContent.Trim()));
        Assert.Empty(app.FindAll(".import-confirm"));
        Assert.DoesNotContain(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void The_import_dialog_speaks_chinese()
    {
        _panel.Stored("claudeProxy.language", "zh-CN");
        var app = OpenSettings();

        app.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{"upstream":[{}]}""", "c.json"));

        app.WaitForAssertion(() => Assert.Equal("c.json 包含 1 个渠道，密钥策略为“failover”。", app.Find(".import-confirm .import-summary").TextContent.Trim()));
        Assert.Contains(app.FindAll(".import-confirm button"), b => b.TextContent.Trim() == "导入");
    }

    private static void Answer(IRenderedComponent<App> app, string button)
    {
        app.WaitForAssertion(() => Assert.NotEmpty(app.FindAll(".import-confirm")));
        app.FindAll(".import-confirm button").Single(b => b.TextContent.Trim() == button).Click();
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
