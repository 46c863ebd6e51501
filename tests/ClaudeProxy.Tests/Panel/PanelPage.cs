using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ClaudeProxy.Tests.Panel;

/// <summary>A browser page on the panel that keeps every console error, page error and response it saw.</summary>
public sealed class PanelPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private PanelPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Errors.Enqueue($"page: {error}");
        page.Response += (_, response) => Responses.Enqueue(response);
    }

    public IPage Page { get; }

    // Playwright raises its events on its own thread while a test reads these: concurrent collections.
    public ConcurrentQueue<string> Errors { get; } = new();

    public ConcurrentQueue<IResponse> Responses { get; } = new();

    public static async Task<PanelPage> OpenAsync(IBrowser browser, int width = 1280, int height = 800, string? locale = "en-US", string? timeZone = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZone,
            IsMobile = width < 600,
            HasTouch = width < 600,
        });
        // The first action waits for the WebAssembly runtime to boot, which takes far longer than
        // Playwright's 30 s default allows on a machine busy with other builds.
        context.SetDefaultTimeout(90_000);
        return new PanelPage(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
