using ClaudeProxy.Tests.TestKit;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// Screenshots of the sign-in page and the shell, light and dark, desktop and phone, into
/// artifacts/screenshots/ for a person to look at. The shell's API answers are stubbed in the browser,
/// so these need no session.
/// </summary>
public sealed class PanelScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Stats = """{"window":"1h","by":"channel","totals":{"requests":1234,"errors":5,"successRate":0.996,"p95LatencyMs":812.4,"inputTokens":503112,"outputTokens":70211,"costUsd":1.25},"groups":[],"series":[]}""";
    private const string Health = """{"status":"healthy","timestamp":"2026-01-01T00:00:00Z","uptime":93725,"version":"0.1.0","mode":"production","config":{"upstreamCount":3,"loadBalance":"priority"}}""";

    public static TheoryData<string, int, int, bool> Views => new()
    {
        { "desktop", 1280, 800, false },
        { "desktop", 1280, 800, true },
        { "phone", 390, 844, false },
        { "phone", 390, 844, true },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task The_sign_in_page_and_the_shell_render_without_errors_and_are_captured(string device, int width, int height, bool dark)
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser, width, height);
        var theme = dark ? "dark" : "light";
        await panel.Page.Context.AddInitScriptAsync($"localStorage.setItem('claudeProxy.theme', '{theme}')");
        var folder = RepositoryFolder.Artifacts("screenshots");

        await panel.Page.GotoAsync(gateway.BaseUrl.ToString());
        await Expect(panel.Page.Locator("input[type=password]")).ToBeVisibleAsync();
        await panel.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"login-{device}-{theme}.png"), FullPage = true });

        await panel.Page.Context.AddInitScriptAsync("localStorage.setItem('claudeProxy.signedIn', '1')");
        await panel.Page.RouteAsync("**/api/stats?window=1h", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = Stats }));
        await panel.Page.RouteAsync("**/health", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = Health }));
        await panel.Page.RouteAsync("**/api/stats?window=24h", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = Stats }));
        await panel.Page.RouteAsync("**/api/stats?window=1h&by=channel", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = Stats }));
        await panel.Page.RouteAsync("**/api/health", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = """{"channels":[]}""" }));
        await panel.Page.RouteAsync("**/api/logs?limit=20", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = """{"items":[]}""" }));
        await panel.Page.RouteAsync("**/api/events?types=request", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/event-stream", Body = ": connected\n\n" }));
        await panel.Page.GotoAsync(gateway.BaseUrl.ToString());
        await Expect(panel.Page.Locator(".stat-card")).ToHaveCountAsync(13);
        await panel.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"dashboard-{device}-{theme}.png"), FullPage = true });

        Assert.Empty(panel.Errors);
    }
}
