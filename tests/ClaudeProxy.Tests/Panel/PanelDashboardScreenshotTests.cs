using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// Screenshots of the dashboard (with real traffic: successes, a rate limit, two channels) and of the
/// Settings page, light and dark, desktop and phone, English and Chinese, into artifacts/screenshots/.
/// </summary>
public sealed class PanelDashboardScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(PanelScreenshot.Views), MemberType = typeof(PanelScreenshot))]
    public async Task The_dashboard_and_settings_render_without_errors_and_are_captured(string device, int width, int height, bool dark, string language)
    {
        await using var main = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        main.SetDefault(AnthropicFakes.Message("ok", inputTokens: 2400, outputTokens: 310));
        // The second request is rate limited on the main channel and served by the backup.
        main.Enqueue(AnthropicFakes.Message("ok", inputTokens: 2400, outputTokens: 310),
            FakeReply.Json(429, """{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}"""));
        backup.SetDefault(AnthropicFakes.Message("ok", inputTokens: 800, outputTokens: 95));
        var primary = TestConfigs.Channel("relay-main", "claude", main.BaseUrl, "sk-ant-main-0123456789");
        var secondary = TestConfigs.Channel("relay-backup", "claude", backup.BaseUrl, "sk-ant-backup-0123456789");
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(primary, secondary));
        using var client = gateway.CreateClient();
        foreach (var model in new[] { "claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5", "claude-sonnet-4-5" })
        {
            using var response = await client.PostAsync("/v1/messages",
                TestGateway.Json($$"""{"model":"{{model}}","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}"""), Token);
        }

        // A body without a model is refused before any channel: a 400 with no channel in the list.
        using var refused = await client.PostAsync("/v1/messages", TestGateway.Json("""{"max_tokens":64,"messages":[]}"""), Token);

        await using var shot = await PanelScreenshot.OpenAsync(chromium.Browser, device, width, height, dark, language);
        var panel = shot.Panel;
        await PanelSession.SignInAsync(panel, gateway);

        await Expect(panel.Page.Locator(".live-table tbody tr")).ToHaveCountAsync(5);
        await Expect(panel.Page.Locator(".chart-over-time svg")).ToBeVisibleAsync();
        await shot.CaptureAsync("dashboard-live");

        await panel.Page.GotoAsync(new Uri(gateway.BaseUrl, "settings").ToString());
        await Expect(panel.Page.Locator(".snippet-claude-code pre")).ToBeVisibleAsync();
        await shot.CaptureAsync("settings");

        Assert.Empty(panel.Errors);
    }
}
