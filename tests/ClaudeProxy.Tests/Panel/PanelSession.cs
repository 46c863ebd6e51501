using ClaudeProxy.Tests.TestKit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>Signing in through the panel's own form, for tests of the pages behind it.</summary>
internal static class PanelSession
{
    public static async Task SignInAsync(PanelPage panel, TestGateway gateway, string path = "")
    {
        await panel.Page.GotoAsync(gateway.BaseUrl.ToString());
        await panel.Page.Locator("input[type=password]").FillAsync(gateway.AccessKey);
        await panel.Page.Locator("button[type=submit]").ClickAsync();
        await Expect(panel.Page.Locator(".stat-card").First).ToBeVisibleAsync();
        if (path.Length > 0)
        {
            await panel.Page.GotoAsync(new Uri(gateway.BaseUrl, path).ToString());
        }
    }
}
