using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// The Logs and Usage pages in Chromium against the real gateway, after real traffic through a fake
/// upstream (see <see cref="UsageTraffic"/>).
/// </summary>
public sealed class PanelLogsAndUsageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_logs_show_the_traffic_filter_by_status_open_the_attempts_and_export_what_is_shown_as_csv()
    {
        await using var traffic = await UsageTraffic.StartAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        var page = panel.Page;
        await SignInThroughTheFormAsync(page, traffic);

        await page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Logs" }).ClickAsync();

        var rows = page.Locator("tr.log-row");
        await Expect(rows).ToHaveCountAsync(3);
        var sonnet = rows.Filter(new LocatorFilterOptions { HasText = UsageTraffic.Sonnet });
        await Expect(sonnet.Locator(".log-route")).ToHaveTextAsync($"{UsageTraffic.Sonnet} → {UsageTraffic.Channel}");
        await Expect(sonnet.Locator(".status-chip")).ToHaveTextAsync("200");
        await Expect(sonnet.Locator(".log-tokens")).ToHaveTextAsync("1,200 / 340");
        // Anthropic's list price for Sonnet 4.5: $3 in and $15 out per million tokens.
        await Expect(sonnet.Locator(".log-cost")).ToHaveTextAsync("$0.0087");
        var refused = rows.Filter(new LocatorFilterOptions { Has = page.Locator(".status-chip", new PageLocatorOptions { HasText = "400" }) });
        await Expect(refused.Locator(".log-cost")).ToHaveTextAsync("—");

        await page.Locator(".filter-status input").FillAsync("400");
        await page.Locator(".filter-apply").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator(".status-chip")).ToHaveTextAsync("400");

        await page.Locator(".filter-status input").FillAsync("200");
        await page.Locator(".filter-apply").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);

        await sonnet.ClickAsync();
        var attempts = page.Locator(".log-drawer tr.log-attempt");
        await Expect(attempts).ToHaveCountAsync(2);
        await Expect(attempts.Nth(0)).ToContainTextAsync("429");
        await Expect(attempts.Nth(0)).ToContainTextAsync("rate_limit_error");
        await Expect(attempts.Nth(1)).ToContainTextAsync("200");
        await Expect(page.Locator(".log-drawer")).ToContainTextAsync(UsageTraffic.Channel);
        await page.Locator(".log-detail-close").ClickAsync();
        await Expect(attempts).ToHaveCountAsync(0);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a.logs-export").ClickAsync());
        var lines = (await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("logs.csv", download.SuggestedFilename);
        Assert.StartsWith("id,time,requestId,path,model,mappedModel,channel,", lines[0], StringComparison.Ordinal);
        // The export carries the filter shown: the two answered requests, not the refused one.
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, line => line.Contains($",{UsageTraffic.Sonnet},{UsageTraffic.Sonnet},{UsageTraffic.Channel},", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(",400,", StringComparison.Ordinal));
        Assert.Empty(panel.Errors);
    }

    [Fact]
    public async Task The_usage_page_shows_the_table_by_channel_and_grouping_by_model_changes_it()
    {
        await using var traffic = await UsageTraffic.StartAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        var page = panel.Page;
        await SignInThroughTheFormAsync(page, traffic);

        await page.Locator(".mud-nav-link", new PageLocatorOptions { HasText = "Usage" }).ClickAsync();

        var names = page.Locator(".usage-table td.usage-row");
        await Expect(names).ToHaveTextAsync([UsageTraffic.Channel, "(none)"]); // the refused request had no channel
        await Expect(page.Locator(".usage-table td.usage-totals")).ToHaveTextAsync("Total");
        await Expect(page.Locator(".usage-chart svg").First).ToBeVisibleAsync();

        await page.Locator(".usage-by").GetByText("Model", new LocatorGetByTextOptions { Exact = true }).ClickAsync();

        await Expect(names).ToHaveCountAsync(3);
        await Expect(page.Locator(".usage-table")).ToContainTextAsync(UsageTraffic.Sonnet);
        await Expect(page.Locator(".usage-table")).ToContainTextAsync(UsageTraffic.Haiku);
        await Expect(page.Locator(".usage-table")).Not.ToContainTextAsync(UsageTraffic.Channel);
        await Expect(page.Locator("a.usage-export")).ToHaveAttributeAsync("href", "api/stats/export.csv?window=24h&by=model");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a.usage-export").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.StartsWith("name,requests,errors,successRate,", csv, StringComparison.Ordinal);
        Assert.Contains($"{UsageTraffic.Sonnet},1,0,1,", csv, StringComparison.Ordinal);
        Assert.Empty(panel.Errors);
    }

    [Fact]
    public async Task In_a_browser_away_from_utc_the_logs_name_its_zone_and_a_custom_range_in_local_time_finds_the_traffic()
    {
        await using var traffic = await UsageTraffic.StartAsync();
        // Shanghai keeps UTC+8 all year, so the test's own arithmetic needs no zone data.
        await using var panel = await PanelPage.OpenAsync(chromium.Browser, timeZone: "Asia/Shanghai");
        var page = panel.Page;
        await SignInThroughTheFormAsync(page, traffic);
        var shanghaiNow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime;
        static string Local(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        await page.GotoAsync(new Uri(traffic.Gateway.BaseUrl, "logs").ToString());
        var rows = page.Locator("tr.log-row");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator(".zone-note").First).ToHaveTextAsync("Times in Asia/Shanghai (UTC+08:00)");
        // The newest row is a minute or so old: its date and hour are Shanghai's (give or take the turn of an hour).
        var shown = DateTime.ParseExact((await rows.First.Locator(".log-time").TextContentAsync())!.Trim(), "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(shown, shanghaiNow.AddMinutes(-5), shanghaiNow.AddMinutes(1));

        await page.Locator(".filter-period").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Custom range" }).ClickAsync();
        await page.Locator(".filter-from input").FillAsync(Local(shanghaiNow.AddHours(2)));
        await page.Locator(".filter-to input").FillAsync(Local(shanghaiNow.AddHours(1)));
        await Expect(page.Locator(".filter-range-error")).ToHaveTextAsync("The start must be before the end.");
        await Expect(page.Locator(".filter-apply")).ToBeDisabledAsync();

        await page.Locator(".filter-to input").FillAsync(Local(shanghaiNow.AddHours(3)));
        await page.Locator(".filter-apply").ClickAsync();
        await Expect(page.Locator(".logs-empty")).ToBeVisibleAsync();

        await page.Locator(".filter-from input").FillAsync(Local(shanghaiNow.AddHours(-1)));
        await page.Locator(".filter-apply").ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        Assert.Empty(panel.Errors);
    }

    private static async Task SignInThroughTheFormAsync(IPage page, UsageTraffic traffic)
    {
        await page.GotoAsync(traffic.Gateway.BaseUrl.ToString());
        await page.Locator("input[type=password]").FillAsync(traffic.Gateway.AccessKey);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".stat-card").First).ToBeVisibleAsync();
    }
}
