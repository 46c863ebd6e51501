using ClaudeProxy.Tests.TestKit;
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
    private const string Cluster = """{"self":"gw-1","redis":"off","instances":[{"id":"gw-1","self":true,"run":"r1","version":"0.1.0","commit":"abc1234","startedAt":"2026-01-01T00:00:00Z","lastSeen":"2026-01-01T01:00:00Z","inFlight":0,"requests":1234,"duplicateId":false}]}""";
    private const string Health = """{"status":"healthy","timestamp":"2026-01-01T00:00:00Z","uptime":93725,"version":"0.1.0","mode":"production","config":{"upstreamCount":3,"loadBalance":"priority"}}""";

    [Theory]
    [MemberData(nameof(PanelScreenshot.EnglishViews), MemberType = typeof(PanelScreenshot))]
    public async Task The_sign_in_page_and_the_shell_render_without_errors_and_are_captured(string device, int width, int height, bool dark)
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var shot = await PanelScreenshot.OpenAsync(chromium.Browser, device, width, height, dark);

        await shot.Page.GotoAsync(gateway.BaseUrl.ToString());
        await Expect(shot.Page.Locator("input[type=password]")).ToBeVisibleAsync();
        await shot.CaptureAsync("login");

        await shot.Page.Context.AddInitScriptAsync("localStorage.setItem('claudeProxy.signedIn', '1')");
        await shot.StubAsync("/api/stats?window=1h", Stats);
        await shot.StubAsync("/health", Health);
        await shot.StubAsync("/api/stats?window=24h", Stats);
        await shot.StubAsync("/api/stats?window=1h&by=channel", Stats);
        await shot.StubAsync("/api/health", """{"channels":[]}""");
        await shot.StubAsync("/api/cluster", Cluster);
        await shot.StubAsync("/api/logs?limit=20", """{"items":[]}""");
        await shot.StubAsync("/api/events?types=request", ": connected\n\n", "text/event-stream");
        await shot.Page.GotoAsync(gateway.BaseUrl.ToString());
        await Expect(shot.Page.Locator(".stat-card")).ToHaveCountAsync(13);
        await shot.CaptureAsync("dashboard");

        Assert.Empty(shot.Panel.Errors);
    }
}
