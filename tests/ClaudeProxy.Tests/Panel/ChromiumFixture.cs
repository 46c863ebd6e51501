using Microsoft.Playwright;
using Xunit;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// One headless Chromium for a test class: Debian's package at /usr/bin/chromium (.ci/run installs it),
/// or the browser CHROMIUM_PATH names. Playwright never downloads a browser of its own here.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string DefaultPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : DefaultPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"No Chromium at {path}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true });
        // A WebAssembly app boots in seconds, slower on a loaded CI machine.
        Assertions.SetDefaultExpectTimeout(60_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
