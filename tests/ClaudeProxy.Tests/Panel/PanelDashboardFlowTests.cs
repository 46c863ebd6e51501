using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>The dashboard against the real gateway: a request proxied while it is open shows up live, through <c>/api/events</c>.</summary>
public sealed class PanelDashboardFlowTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string UpstreamKey = "dashboard-upstream-key-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ILocator Card(IPage page, string label) =>
        page.Locator(".stat-card").Filter(new LocatorFilterOptions { Has = page.Locator(".stat-label", new PageLocatorOptions { HasTextString = label }) }).Locator(".stat-value");

    [Fact]
    public async Task A_request_proxied_while_the_dashboard_is_open_appears_in_the_live_list_and_the_cards_without_a_reload()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("hello from upstream", inputTokens: 1200, outputTokens: 34));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, UpstreamKey)));
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        await PanelSession.SignInAsync(panel, gateway);
        var page = panel.Page;
        await Expect(Card(page, "Requests")).ToHaveTextAsync("0");
        await Expect(page.Locator(".no-requests")).ToBeVisibleAsync();
        await Expect(page.Locator(".live-state")).ToHaveTextAsync("Live");
        // A reload would clear this mark.
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        using var client = gateway.CreateClient();
        using var response = await client.PostAsync("/v1/messages",
            TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}"""), Token);
        response.EnsureSuccessStatusCode();

        var row = page.Locator(".live-table tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("claude-sonnet-4-5 → anthropic");
        await Expect(row).ToContainTextAsync("200");
        await Expect(row).ToContainTextAsync("1,200 / 34");
        await Expect(Card(page, "Requests")).ToHaveTextAsync("1");
        await Expect(Card(page, "Success rate")).ToHaveTextAsync("100 %");
        await Expect(Card(page, "Active channels")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        // It came over the one open event stream, not by reconnecting and reading the log again.
        Assert.Single(panel.Responses, r => r.Url.Contains("/api/events", StringComparison.Ordinal));
        Assert.Empty(panel.Errors);
    }

    [Fact]
    public async Task The_dashboard_opened_after_requests_lists_them_and_charts_the_chosen_window()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("one"), AnthropicFakes.Message("two"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, UpstreamKey)));
        using var client = gateway.CreateClient();
        foreach (var text in new[] { "one", "two" })
        {
            using var response = await client.PostAsync("/v1/messages",
                TestGateway.Json($$"""{"model":"claude-haiku-4-5","max_tokens":64,"messages":[{"role":"user","content":"{{text}}"}]}"""), Token);
            response.EnsureSuccessStatusCode();
        }

        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        await PanelSession.SignInAsync(panel, gateway);
        var page = panel.Page;

        await Expect(page.Locator(".live-table tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator(".chart-by-channel")).ToContainTextAsync("anthropic");
        var sixHours = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/stats?window=6h&by=channel", StringComparison.Ordinal));
        await page.Locator(".window-picker .mud-toggle-item", new PageLocatorOptions { HasTextString = "6h" }).ClickAsync();
        Assert.Equal(200, (await sixHours).Status);
        await Expect(page.Locator(".chart-over-time svg")).ToBeVisibleAsync();
        Assert.Empty(panel.Errors);
    }
}
