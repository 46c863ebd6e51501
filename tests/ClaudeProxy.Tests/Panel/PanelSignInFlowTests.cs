using ClaudeProxy.Tests.TestKit;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// Signing in through the browser against the gateway's session API (<c>POST /api/session</c> → 204 and an
/// HttpOnly <c>claude_proxy_session</c> cookie; 401 for a wrong key; <c>DELETE /api/session</c> → 204).
/// </summary>
public sealed class PanelSignInFlowTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Signing_in_with_the_admin_key_opens_the_dashboard_and_signing_out_returns_to_the_sign_in_page()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        await panel.Page.GotoAsync(gateway.BaseUrl.ToString());

        await panel.Page.Locator("input[type=password]").FillAsync(gateway.AccessKey);
        await panel.Page.Locator("button[type=submit]").ClickAsync();

        await Expect(panel.Page.Locator(".stat-card").First).ToBeVisibleAsync();
        var cookies = await panel.Page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "claude_proxy_session");
        Assert.True(session.HttpOnly);
        Assert.DoesNotContain(gateway.AccessKey, await panel.Page.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"), StringComparison.Ordinal);

        await panel.Page.Locator(".sign-out").ClickAsync();

        await Expect(panel.Page.Locator("input[type=password]")).ToBeVisibleAsync();
        Assert.Empty(panel.Errors);
    }

    [Fact]
    public async Task A_wrong_key_shows_wrong_key_in_the_browser()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        await panel.Page.GotoAsync(gateway.BaseUrl.ToString());

        await panel.Page.Locator("input[type=password]").FillAsync("not-the-admin-key-at-all");
        await panel.Page.Locator("button[type=submit]").ClickAsync();

        await Expect(panel.Page.Locator(".login-error")).ToHaveTextAsync("Wrong key.");
    }
}
