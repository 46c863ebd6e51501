using ClaudeProxy.Tests.TestKit;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// Screenshots of the channels page (with a promotion, a capped and a resting key) and its add and edit dialogs, light and
/// dark, desktop and phone, English and Chinese, into artifacts/screenshots/. The API answers are stubbed in the browser,
/// so these need no session.
/// </summary>
public sealed class PanelChannelsScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    // Times ahead of the run, so the promotion and the rest are running when the page shows them.
    private static readonly string PromotedUntil = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O");
    private static readonly string RestingUntil = DateTimeOffset.UtcNow.AddMinutes(2).ToString("O");

    private static string Channels => $$$"""
        {"channels":[
          {"id":"ch-a","name":"Anthropic direct","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["sk-ant…1111","sk-ant…2222"],
           "modelMapping":{"opus":"claude-opus-4-1"},"index":0,"keyCount":2,"status":"active","priority":0,"weight":1,"current":true,
           "promotionUntil":"{{{PromotedUntil}}}","maxConcurrency":4,"rpm":60},
          {"id":"ch-b","name":"OpenAI relay with a rather long name","serviceType":"openai","baseUrl":"https://relay.example.com/some/long/path/v1","apiKeys":["sk-pro…abcd"],
           "description":"Backup when Anthropic is down","index":1,"keyCount":1,"status":"active","priority":1,"weight":3,"current":false,
           "headers":{"User-Agent":"claude-cli/1.0.0 (external, cli)","X-Relay-Token":"sec…oken"}},
          {"id":"ch-c","name":"Gemini","serviceType":"gemini","baseUrl":"https://generativelanguage.googleapis.com","apiKeys":[],
           "index":2,"keyCount":0,"status":"disabled","priority":2,"weight":1,"current":false}
        ],"current":0,"loadBalance":"failover"}
        """;

    private static string Health => $$$"""
        {"time":"2026-01-01T00:00:00Z","channels":[
          {"id":"ch-a","state":"ok","failureRate":0.1,"requests15m":40,"keys":[
            {"index":0,"key":"sk-ant…1111","state":"ok","inFlight":4,"capped":true,"cappedBy":"maxConcurrency","lastError":null,"requests15m":30},
            {"index":1,"key":"sk-ant…2222","state":"resting","restingUntil":"{{{RestingUntil}}}","restReason":"rate limited","inFlight":1,
             "lastError":{"kind":"rate_limit","status":429,"message":"Number of request tokens has exceeded your per-minute rate limit","time":"2026-01-01T00:00:00Z"},"requests15m":10}]},
          {"id":"ch-b","state":"half_open","failureRate":0.5,"requests15m":2,"keys":[
            {"index":0,"key":"sk-pro…abcd","state":"ok","lastError":{"kind":"server","status":502,"message":"Bad gateway","time":"2025-12-31T23:59:00Z"},"requests15m":2}]},
          {"id":"ch-c","state":"disabled","failureRate":0,"requests15m":0,"keys":[]}
        ]}
        """;

    private const string ChannelStats = """{"window":"15m","by":"channel","totals":{},"groups":[{"name":"Anthropic direct","requests":1240,"errors":3,"inputTokens":500000,"outputTokens":70000,"cacheHitRate":0.812,"costUsd":12.5}],"series":[]}""";
    private const string KeyStats = """{"window":"24h","by":"key","totals":{},"groups":[{"name":"sk-ant…1111","requests":20311,"errors":2,"inputTokens":9100000,"outputTokens":1200000,"cacheHitRate":0.8,"costUsd":143.27}],"series":[]}""";

    [Theory]
    [MemberData(nameof(PanelScreenshot.Views), MemberType = typeof(PanelScreenshot))]
    public async Task The_channels_page_and_its_add_and_edit_dialogs_render_without_errors_and_are_captured(string device, int width, int height, bool dark, string language)
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var shot = await PanelScreenshot.OpenAsync(chromium.Browser, device, width, height, dark, language, signedIn: true);
        var page = shot.Page;
        await shot.StubAsync("/api/channels", Channels);
        await shot.StubAsync("/api/health", Health);
        await shot.StubAsync("/api/stats?window=15m&by=channel", ChannelStats);
        await shot.StubAsync("/api/stats?window=24h&by=key", KeyStats);

        await page.GotoAsync(new Uri(gateway.BaseUrl, "channels").ToString());
        await Expect(page.Locator(".channel-card")).ToHaveCountAsync(3);
        await Expect(page.Locator(".channel-promoted")).ToBeVisibleAsync();
        await Expect(page.Locator(".key-capped")).ToBeVisibleAsync();
        await Expect(page.Locator(".key-rest")).ToBeVisibleAsync();
        await shot.CaptureAsync("channels");

        await page.Locator(".channel-add").ClickAsync();
        await page.Locator(".mapping-add-opus").ClickAsync();
        await Expect(page.Locator(".mapping-row")).ToHaveCountAsync(1);
        await shot.CaptureAsync("channel-dialog", fullPage: false);

        // The edit dialog of the relay, scrolled to its caps and headers (names and values; the secret one masked).
        await page.Locator(".dialog-cancel").ClickAsync();
        await Expect(page.Locator(".channel-dialog")).ToHaveCountAsync(0);
        await page.Locator(".channel-card").Nth(1).Locator(".channel-edit").ClickAsync();
        await Expect(page.Locator(".field-headers textarea")).ToHaveValueAsync("User-Agent: claude-cli/1.0.0 (external, cli)\nX-Relay-Token: sec…oken");
        await page.Locator(".field-headers").ScrollIntoViewIfNeededAsync();
        await shot.CaptureAsync("channel-edit-dialog", fullPage: false);

        // Its more options: more base URLs, the client doors and the options of its service type.
        await page.Locator(".channel-more-toggle").ClickAsync();
        await Expect(page.Locator(".field-doors")).ToBeVisibleAsync();
        await Expect(page.Locator(".field-doors input[type=checkbox]")).ToHaveCountAsync(4);
        await page.Locator(".field-doors").ScrollIntoViewIfNeededAsync();
        await shot.CaptureAsync("channel-more-options", fullPage: false);

        Assert.Empty(shot.Panel.Errors);
    }
}
