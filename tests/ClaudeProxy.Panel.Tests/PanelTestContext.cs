using System.Net;
using Bunit;
using ClaudeProxy.Panel.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace ClaudeProxy.Panel.Tests;

/// <summary>The whole panel app rendered by bUnit, talking to <see cref="FakeGateway"/> instead of a server.</summary>
internal sealed class PanelTestContext : BunitContext
{
    public PanelTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddPanelServices(new Uri("http://localhost/"), Gateway);
        // MudBlazor's popovers (tooltips) wait on their JS side; the tests never hover.
        Services.Configure<PopoverOptions>(options => options.CheckForPopoverProvider = false);
        SetRendererInfo(new RendererInfo("WebAssembly", isInteractive: true));
    }

    public FakeGateway Gateway { get; } = new();

    public NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>The browser's stored value for <paramref name="key"/>, as panel.js would return it.</summary>
    public void Stored(string key, string value) => JSInterop.Setup<string?>("claudeProxyPanel.get", key).SetResult(value);

    public void BrowserLanguage(string tag) => JSInterop.Setup<string?>("claudeProxyPanel.language").SetResult(tag);

    /// <summary>
    /// The browser's time zone as panel.js reports it: its name and its UTC offsets as pairs of (start in Unix ms, minutes east).
    /// Without it the loose JS runtime answers nothing and the panel shows UTC.
    /// </summary>
    public void BrowserTimeZone(string name, params double[] offsets)
    {
        JSInterop.Setup<string?>("claudeProxyPanel.timeZone").SetResult(name);
        JSInterop.Setup<double[]?>("claudeProxyPanel.offsets", _ => true).SetResult(offsets);
    }

    /// <summary>The values the panel wrote to localStorage, in order.</summary>
    public IReadOnlyList<(string Key, string Value)> Writes() =>
        [.. JSInterop.Invocations["claudeProxyPanel.set"].Select(call => ((string)call.Arguments[0]!, (string)call.Arguments[1]!))];

    /// <summary>Opens the app at <paramref name="relativeUrl"/>, as a browser would.</summary>
    public IRenderedComponent<App> Open(string relativeUrl)
    {
        Navigation.NavigateTo(relativeUrl);
        return Render<App>();
    }

    public static HttpResponseMessage Status(HttpStatusCode status) => new(status);
}
