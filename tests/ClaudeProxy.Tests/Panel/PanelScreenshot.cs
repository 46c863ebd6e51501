using ClaudeProxy.Tests.TestKit;
using Microsoft.Playwright;
using Xunit;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// What the panel's screenshot tests share: the views they capture (desktop and phone, light and dark, English and
/// Chinese), a browser page set up for one view, API answers stubbed in the browser, and pictures saved into
/// artifacts/screenshots/ named after the view.
/// </summary>
public sealed class PanelScreenshot : IAsyncDisposable
{
    private readonly string _folder = RepositoryFolder.Artifacts("screenshots");

    private PanelScreenshot(PanelPage panel, string suffix)
    {
        Panel = panel;
        Suffix = suffix;
    }

    /// <summary>Every view, in both languages: device, width, height, dark, language.</summary>
    public static TheoryData<string, int, int, bool, string> Views => new()
    {
        { "desktop", 1280, 800, false, "en" },
        { "desktop", 1280, 800, true, "en" },
        { "phone", 390, 844, false, "en" },
        { "phone", 390, 844, true, "en" },
        { "desktop", 1280, 800, false, "zh" },
        { "desktop", 1280, 800, true, "zh" },
        { "phone", 390, 844, false, "zh" },
        { "phone", 390, 844, true, "zh" },
    };

    /// <summary>The views in English only, for pages whose words other tests already cover.</summary>
    public static TheoryData<string, int, int, bool> EnglishViews => new()
    {
        { "desktop", 1280, 800, false },
        { "desktop", 1280, 800, true },
        { "phone", 390, 844, false },
        { "phone", 390, 844, true },
    };

    public PanelPage Panel { get; }

    public IPage Page => Panel.Page;

    /// <summary>The view in file names: <c>phone-dark-zh</c>.</summary>
    public string Suffix { get; }

    /// <summary>
    /// A page for one view: the theme and language remembered as the panel would remember them, the browser in the
    /// language's locale and in a time zone away from UTC (so the pictures show local times and the zone's name).
    /// </summary>
    public static async Task<PanelScreenshot> OpenAsync(IBrowser browser, string device, int width, int height, bool dark, string language = "en", bool signedIn = false)
    {
        var chinese = language == "zh";
        var panel = await PanelPage.OpenAsync(browser, width, height, chinese ? "zh-CN" : "en-US", chinese ? "Asia/Shanghai" : "Europe/Berlin");
        var theme = dark ? "dark" : "light";
        var remembered = $"localStorage.setItem('claudeProxy.theme', '{theme}'); localStorage.setItem('claudeProxy.language', '{(chinese ? "zh-CN" : "en")}');";
        if (signedIn)
        {
            remembered += " localStorage.setItem('claudeProxy.signedIn', '1');";
        }

        await panel.Page.Context.AddInitScriptAsync(remembered);
        return new PanelScreenshot(panel, $"{device}-{theme}-{language}");
    }

    /// <summary>Answers <paramref name="pathAndQuery"/> in the browser, so the page needs no gateway state behind it.</summary>
    public Task StubAsync(string pathAndQuery, string body, string contentType = "application/json") =>
        Page.RouteAsync(url => new Uri(url).PathAndQuery == pathAndQuery,
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = contentType, Body = body }));

    /// <summary>Saves the page (the whole of it, or the viewport for a dialog or drawer) as <c>{name}-{view}.png</c>.</summary>
    public Task CaptureAsync(string name, bool fullPage = true) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_folder, $"{name}-{Suffix}.png"), FullPage = fullPage });

    public ValueTask DisposeAsync() => Panel.DisposeAsync();
}
