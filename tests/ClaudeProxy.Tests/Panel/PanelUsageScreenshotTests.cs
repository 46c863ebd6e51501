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
    public static TheoryData<string, int, int, bool, string> Views => new()
    {
        { "desktop", 1280, 800, false, "en" },
        { "desktop", 1280, 800, true, "en" },
        { "desktop", 1280, 800, false, "zh-CN" },
        { "desktop", 1280, 800, true, "zh-CN" },
        { "phone", 390, 844, false, "en" },
        { "phone", 390, 844, true, "en" },
        { "phone", 390, 844, false, "zh-CN" },
        { "phone", 390, 844, true, "zh-CN" },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task The_logs_and_usage_pages_render_without_errors_and_are_captured(string device, int width, int height, bool dark, string language)
    {
        await using var traffic = await UsageTraffic.StartAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser, width, height);
        var page = panel.Page;
        var theme = dark ? "dark" : "light";
        await page.Context.AddInitScriptAsync($"localStorage.setItem('claudeProxy.theme', '{theme}'); localStorage.setItem('claudeProxy.language', '{language}')");
        await traffic.SignInAsync(page);
        var folder = RepositoryFolder.Artifacts("screenshots");
        var suffix = $"{device}-{theme}-{(language == "en" ? "en" : "zh")}";

        await page.GotoAsync(new Uri(traffic.Gateway.BaseUrl, "logs").ToString());
        await Expect(page.Locator("tr.log-row")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"logs-{suffix}.png"), FullPage = true });

        await page.Locator("tr.log-row").Filter(new LocatorFilterOptions { HasText = UsageTraffic.Sonnet }).ClickAsync();
        await Expect(page.Locator(".log-drawer tr.log-attempt")).ToHaveCountAsync(2);
        // A trial click waits for the drawer to finish sliding in.
        await page.Locator(".log-detail-close").ClickAsync(new LocatorClickOptions { Trial = true });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"logs-detail-{suffix}.png") });

        await page.GotoAsync(new Uri(traffic.Gateway.BaseUrl, "usage").ToString());
        await Expect(page.Locator(".usage-table td.usage-totals")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"usage-{suffix}.png"), FullPage = true });

        Assert.Empty(panel.Errors);
    }
}
