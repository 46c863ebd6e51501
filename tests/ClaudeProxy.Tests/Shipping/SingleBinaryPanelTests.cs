using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.Panel;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>
/// What a user of a release archive does first, in a browser: start the binary alone, open its panel, sign in with
/// the generated key, add a channel through the form — and the gateway serves through it.
/// </summary>
public sealed class SingleBinaryPanelTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string RestingKey = "sk-ant-api03-resting-000000000000000000000000";
    private const string NewKey = "sk-ant-api03-panel-1111111111111111111111111111";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_binary_alone_opens_its_panel_signs_in_with_the_generated_key_and_takes_a_channel_added_in_the_form()
    {
        using var folder = new TempFolder();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("through the panel's channel"));
        // One channel is already there, suspended: the panel shows it as such and nothing is routed to it.
        Directory.CreateDirectory(Path.Combine(folder.Path, ".config"));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"),
            $$"""{"upstream":[{"name":"resting","serviceType":"claude","baseUrl":"{{upstream.BaseUrl}}","apiKeys":["{{RestingKey}}"],"status":"suspended"}]}""", Token);
        var (started, _, baseUrl, key) = await PublishedBinary.StartAloneAsync(folder.Path, Token);
        await using var gateway = started;

        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        var page = panel.Page;
        await page.GotoAsync(baseUrl.ToString());
        await page.Locator("input[type=password]").FillAsync(key);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".stat-card").First).ToBeVisibleAsync();
        await page.Locator(".mud-nav-link", new() { HasText = "Channels" }).ClickAsync();
        var resting = page.Locator(".channel-card", new() { HasText = "resting" });
        await Expect(resting.Locator(".channel-status")).ToHaveTextAsync("Suspended");

        await page.Locator(".channel-add").ClickAsync();
        await page.Locator(".quick-add-text textarea").FillAsync($"base url: {upstream.BaseUrl}\n{NewKey}\n");
        await page.Locator(".quick-add-apply").ClickAsync();
        await page.Locator(".field-name input").FillAsync("from the panel");
        await page.Locator(".dialog-save").ClickAsync();
        await Expect(page.Locator(".channel-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator(".channel-card")).ToHaveCountAsync(2);
        await Expect(page.Locator(".channel-card", new() { HasText = "from the panel" }).Locator(".channel-status")).ToHaveTextAsync("Active");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(RepositoryFolder.Artifacts("screenshots"), "release-binary-channels.png"),
            FullPage = true,
        });

        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"), Token))!["upstream"]!.AsArray();
        var added = Assert.Single(onDisk, c => (string?)c!["name"] == "from the panel")!;
        Assert.Equal(NewKey, (string?)added["apiKeys"]![0]);
        using var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Add("x-api-key", key);
        using var message = await client.PostAsync("/v1/messages",
            TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""), Token);
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        // The suspended channel is not routed to: the one request went with the new channel's key.
        Assert.Equal(NewKey, Assert.Single(upstream.Requests, r => r.Path == "/v1/messages").Headers["x-api-key"]);
        Assert.Empty(panel.Errors);
    }
}
