using ClaudeProxy.Tests.TestKit;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>In the browser: failed sign-ins are throttled with a clear message, and the language and theme chosen are kept.</summary>
public sealed class PanelPreferencesAndThrottleTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task After_too_many_wrong_keys_the_sign_in_page_says_when_to_try_again()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { AuthFailureLimit = 2 });
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        await panel.Page.GotoAsync(gateway.BaseUrl.ToString());
        var key = panel.Page.Locator("input[type=password]");
        var submit = panel.Page.Locator("button[type=submit]");
        var error = panel.Page.Locator(".login-error");

        // The limit's own failure still gets "wrong key"; the next one is refused for the lockout.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await key.FillAsync($"wrong-key-number-{attempt}");
            await submit.ClickAsync();
            // The click waits for the button, which is disabled while a sign-in is under way.
            await Expect(error).ToHaveTextAsync("Wrong key.");
        }

        await key.FillAsync("wrong-key-number-3");
        await submit.ClickAsync();

        await Expect(error).ToContainTextAsync("Too many failed");
        await Expect(error).ToContainTextAsync("try again in");
    }

    [Fact]
    public async Task The_language_and_theme_chosen_are_kept_after_a_reload()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        await panel.Page.GotoAsync(gateway.BaseUrl.ToString());
        await Expect(panel.Page.Locator("h1")).ToHaveTextAsync("Sign in");
        var lightBackground = await BackgroundAsync(panel);

        await panel.Page.Locator(".language-switch").ClickAsync();
        await panel.Page.Locator(".theme-toggle").ClickAsync();
        await Expect(panel.Page.Locator("h1")).ToHaveTextAsync("登录");
        await panel.Page.ReloadAsync();

        await Expect(panel.Page.Locator("h1")).ToHaveTextAsync("登录");
        Assert.NotEqual(lightBackground, await BackgroundAsync(panel));
        Assert.Empty(panel.Errors);
    }

    private static Task<string> BackgroundAsync(PanelPage panel) =>
        panel.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-main-content, .mud-layout, body')).backgroundColor");
}
