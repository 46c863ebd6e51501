using ClaudeProxy.Tests.TestKit;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// Screenshots of the channels page and its add dialog, light and dark, desktop and phone, English and
/// Chinese, into artifacts/screenshots/. The API answers are stubbed in the browser, so these need no session.
/// </summary>
public sealed class PanelChannelsScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Channels = """
        {"channels":[
          {"id":"ch-a","name":"Anthropic direct","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["sk-ant…1111","sk-ant…2222"],
           "modelMapping":{"opus":"claude-opus-4-1"},"index":0,"keyCount":2,"status":"active","priority":0,"weight":1,"current":true},
          {"id":"ch-b","name":"OpenAI relay with a rather long name","serviceType":"openai","baseUrl":"https://relay.example.com/some/long/path/v1","apiKeys":["sk-pro…abcd"],
           "description":"Backup when Anthropic is down","index":1,"keyCount":1,"status":"active","priority":1,"weight":3,"current":false},
          {"id":"ch-c","name":"Gemini","serviceType":"gemini","baseUrl":"https://generativelanguage.googleapis.com","apiKeys":[],
           "index":2,"keyCount":0,"status":"disabled","priority":2,"weight":1,"current":false}
        ],"current":0,"loadBalance":"failover"}
        """;

    private const string Health = """
        {"time":"2026-01-01T00:00:00Z","channels":[
          {"id":"ch-a","state":"ok","failureRate":0.1,"requests15m":40,"keys":[
            {"index":0,"key":"sk-ant…1111","state":"ok","lastError":null,"requests15m":30},
            {"index":1,"key":"sk-ant…2222","state":"resting","lastError":{"kind":"rate_limit","status":429,"message":"Number of request tokens has exceeded your per-minute rate limit","time":"2026-01-01T00:00:00Z"},"requests15m":10}]},
          {"id":"ch-b","state":"half_open","failureRate":0.5,"requests15m":2,"keys":[
            {"index":0,"key":"sk-pro…abcd","state":"ok","lastError":{"kind":"server","status":502,"message":"Bad gateway","time":"2025-12-31T23:59:00Z"},"requests15m":2}]},
          {"id":"ch-c","state":"disabled","failureRate":0,"requests15m":0,"keys":[]}
        ]}
        """;

    private const string ChannelStats = """{"window":"15m","by":"channel","totals":{},"groups":[{"name":"Anthropic direct","requests":1240,"errors":3,"inputTokens":500000,"outputTokens":70000,"cacheHitRate":0.812,"costUsd":12.5}],"series":[]}""";
    private const string KeyStats = """{"window":"24h","by":"key","totals":{},"groups":[{"name":"sk-ant…1111","requests":20311,"errors":2,"inputTokens":9100000,"outputTokens":1200000,"cacheHitRate":0.8,"costUsd":143.27}],"series":[]}""";

    public static TheoryData<string, int, int, bool, string> Views => new()
    {
        { "desktop", 1280, 800, false, "en" },
        { "desktop", 1280, 800, true, "en" },
        { "phone", 390, 844, false, "en" },
        { "phone", 390, 844, true, "en" },
        { "desktop", 1280, 800, false, "zh-CN" },
        { "desktop", 1280, 800, true, "zh-CN" },
        { "phone", 390, 844, false, "zh-CN" },
        { "phone", 390, 844, true, "zh-CN" },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task The_channels_page_and_its_add_dialog_render_without_errors_and_are_captured(string device, int width, int height, bool dark, string language)
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser, width, height);
        var theme = dark ? "dark" : "light";
        var page = panel.Page;
        await page.Context.AddInitScriptAsync(
            $"localStorage.setItem('claudeProxy.theme', '{theme}'); localStorage.setItem('claudeProxy.language', '{language}'); localStorage.setItem('claudeProxy.signedIn', '1')");
        await Stub(page, "/api/channels", Channels);
        await Stub(page, "/api/health", Health);
        await Stub(page, "/api/stats?window=15m&by=channel", ChannelStats);
        await Stub(page, "/api/stats?window=24h&by=key", KeyStats);
        var folder = RepositoryFolder.Artifacts("screenshots");
        var suffix = $"{device}-{theme}-{language}";

        await page.GotoAsync(new Uri(gateway.BaseUrl, "channels").ToString());
        await Expect(page.Locator(".channel-card")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"channels-{suffix}.png"), FullPage = true });

        await page.Locator(".channel-add").ClickAsync();
        await page.Locator(".mapping-add-opus").ClickAsync();
        await Expect(page.Locator(".mapping-row")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"channel-dialog-{suffix}.png") });

        Assert.Empty(panel.Errors);
    }

    private static async Task Stub(IPage page, string pathAndQuery, string json) =>
        await page.RouteAsync(url => new Uri(url).PathAndQuery == pathAndQuery,
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = json }));
}
