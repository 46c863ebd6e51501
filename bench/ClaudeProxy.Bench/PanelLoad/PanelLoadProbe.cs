using System.Text.Json;
using Microsoft.Playwright;

namespace ClaudeProxy.Bench.PanelLoad;

/// <summary>Loads the panel once in a fresh browser context (empty cache, no cookies) and reads the page's own timings.</summary>
internal static class PanelLoadProbe
{
    // Polled every animation frame: the first frame in which the password input has a box and is not hidden.
    private const string SignInVisible = """
        () => {
          const input = document.querySelector('input[type=password]');
          return input && input.getClientRects().length > 0 && getComputedStyle(input).visibility !== 'hidden' ? performance.now() : false;
        }
        """;

    private const string Timings = """
        () => {
          const paint = performance.getEntriesByName('first-contentful-paint')[0];
          const files = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
          return {
            fcp: paint ? paint.startTime : -1,
            bytes: files.reduce((sum, f) => sum + f.encodedBodySize, 0),
            files: files.length,
            paths: files.map(f => new URL(f.name).pathname),
          };
        }
        """;

    public static async Task<(PanelLoadSample Sample, IReadOnlyList<string> Paths)> LoadAsync(IBrowser browser, Uri panel, TimeSpan timeout)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(panel.ToString(), new PageGotoOptions { Timeout = (float)timeout.TotalMilliseconds });
        // No polling interval: Playwright then polls on every animation frame.
        var visible = await page.WaitForFunctionAsync(SignInVisible, null, new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds });
        var signInMs = await visible.JsonValueAsync<double>();
        // Read as JSON: Playwright maps a page's object onto a .NET record only through reflection it cannot do here.
        var timings = (await page.EvaluateAsync<JsonElement?>(Timings)) ?? throw new InvalidOperationException("The page returned no timings.");
        var paths = timings.GetProperty("paths").EnumerateArray().Select(p => p.GetString() ?? "").ToList();
        var sample = new PanelLoadSample(timings.GetProperty("fcp").GetDouble(), signInMs, (long)timings.GetProperty("bytes").GetDouble(), timings.GetProperty("files").GetInt32());
        return (sample, paths);
    }
}
