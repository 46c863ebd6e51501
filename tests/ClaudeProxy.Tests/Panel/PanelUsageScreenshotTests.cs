using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// Screenshots of the Logs page (and its detail drawer) and the Usage page with real logged traffic,
/// light and dark, desktop and phone, English and Chinese, into artifacts/screenshots/ for a person to look at.
/// </summary>
public sealed class PanelUsageScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(PanelScreenshot.Views), MemberType = typeof(PanelScreenshot))]
    public async Task The_logs_and_usage_pages_render_without_errors_and_are_captured(string device, int width, int height, bool dark, string language)
    {
        await using var traffic = await UsageTraffic.StartAsync();
        await using var shot = await PanelScreenshot.OpenAsync(chromium.Browser, device, width, height, dark, language);
        var page = shot.Page;
        await traffic.SignInAsync(page);

        await page.GotoAsync(new Uri(traffic.Gateway.BaseUrl, "logs").ToString());
        await Expect(page.Locator("tr.log-row")).ToHaveCountAsync(3);
        await shot.CaptureAsync("logs");

        await page.Locator("tr.log-row").Filter(new LocatorFilterOptions { HasText = UsageTraffic.Sonnet }).ClickAsync();
        await Expect(page.Locator(".log-drawer tr.log-attempt")).ToHaveCountAsync(2);
        // A trial click waits for the drawer to finish sliding in.
        await page.Locator(".log-detail-close").ClickAsync(new LocatorClickOptions { Trial = true });
        await shot.CaptureAsync("logs-detail", fullPage: false);

        await page.GotoAsync(new Uri(traffic.Gateway.BaseUrl, "usage").ToString());
        await Expect(page.Locator(".usage-table td.usage-totals")).ToBeVisibleAsync();
        await shot.CaptureAsync("usage");

        Assert.Empty(shot.Panel.Errors);
    }
}
