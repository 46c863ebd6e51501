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
                Errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Errors.Add($"page: {error}");
        page.Response += (_, response) => Responses.Add(response);
    }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public List<IResponse> Responses { get; } = [];

    public static async Task<PanelPage> OpenAsync(IBrowser browser, int width = 1280, int height = 800, string? locale = "en-US")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            IsMobile = width < 600,
            HasTouch = width < 600,
        });
        return new PanelPage(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
