using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>The Settings page against the real gateway: the key strategy is saved in the config, the export carries no raw key, the snippets name this gateway.</summary>
public sealed class PanelSettingsFlowTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string UpstreamKey = "sk-ant-settings-upstream-key-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<TestGateway> StartGatewayAsync() =>
        TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(new Uri("http://127.0.0.1:9"), UpstreamKey)));

    [Fact]
    public async Task A_changed_key_strategy_is_saved_in_the_config_and_shown_after_a_reload()
    {
        await using var gateway = await StartGatewayAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        await PanelSession.SignInAsync(panel, gateway, "settings");
        var page = panel.Page;
        await Expect(page.Locator(".strategy-failover input")).ToBeCheckedAsync();

        await page.Locator(".strategy-round-robin").ClickAsync();
        await page.Locator(".save-strategy").ClickAsync();

        await Expect(page.Locator(".strategy-outcome")).ToHaveTextAsync("Saved.");
        using var client = gateway.CreateClient();
        var channels = await client.GetFromJsonAsync<JsonObject>("/api/channels", Token);
        Assert.Equal("round-robin", (string?)channels!["loadBalance"]);
        Assert.Contains("\"round-robin\"", await File.ReadAllTextAsync(gateway.ConfigPath, Token), StringComparison.Ordinal);
        await page.ReloadAsync();
        await Expect(page.Locator(".strategy-round-robin input")).ToBeCheckedAsync();
        Assert.Empty(panel.Errors);
    }

    [Fact]
    public async Task The_export_downloads_the_config_as_json_without_the_raw_keys()
    {
        await using var gateway = await StartGatewayAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        await PanelSession.SignInAsync(panel, gateway, "settings");

        var download = await panel.Page.RunAndWaitForDownloadAsync(() => panel.Page.Locator(".export-config").ClickAsync());

        Assert.Equal("claude-proxy-config.json", download.SuggestedFilename);
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path, Token);
        var config = JsonNode.Parse(text)!;
        Assert.Equal("anthropic", (string?)config["upstream"]![0]!["name"]);
        Assert.DoesNotContain(UpstreamKey, text, StringComparison.Ordinal);
        Assert.Single(config["upstream"]![0]!["apiKeys"]!.AsArray());
    }

    [Fact]
    public async Task An_invalid_import_is_refused_with_the_gateways_message_and_the_config_stays()
    {
        await using var gateway = await StartGatewayAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        await PanelSession.SignInAsync(panel, gateway, "settings");
        var before = await File.ReadAllTextAsync(gateway.ConfigPath, Token);

        await panel.Page.Locator(".import-config input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.json",
            MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes("""{"upstream":[{"name":"x","serviceType":"claude"}],"loadBalance":"sideways"}"""),
        });

        // The panel asks first, naming the file's channels and strategy.
        await Expect(panel.Page.Locator(".import-confirm .import-summary")).ToBeVisibleAsync();
        await panel.Page.Locator(".import-confirm .import-go").ClickAsync();
        await Expect(panel.Page.Locator(".import-outcome")).ToContainTextAsync("The gateway refused this config:");
        await Expect(panel.Page.Locator(".import-detail")).ToContainTextAsync("sideways");
        Assert.Equal(before, await File.ReadAllTextAsync(gateway.ConfigPath, Token));
    }

    [Fact]
    public async Task Copying_the_claude_code_snippet_copies_this_gateways_origin()
    {
        await using var gateway = await StartGatewayAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        var origin = gateway.BaseUrl.GetLeftPart(UriPartial.Authority);
        await panel.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = origin });
        await PanelSession.SignInAsync(panel, gateway, "settings");

        await panel.Page.Locator(".snippet-claude-code .copy-snippet").ClickAsync();

        await Expect(panel.Page.Locator(".mud-snackbar")).ToContainTextAsync("Copied.");
        var copied = await panel.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal($"export ANTHROPIC_BASE_URL={origin}\nexport ANTHROPIC_API_KEY=<your-access-key>", copied);
        await Expect(panel.Page.Locator(".snippet-claude-code pre")).ToContainTextAsync($"ANTHROPIC_BASE_URL={origin}");
        Assert.Empty(panel.Errors);
    }
}
