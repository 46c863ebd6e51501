using Microsoft.JSInterop;

namespace ClaudeProxy.Panel.Services;

/// <summary>The panel's few remembered choices in localStorage, through wwwroot/js/panel.js (the CSP allows no eval).</summary>
public sealed class BrowserStorage(IJSRuntime js)
{
    public ValueTask<string?> GetAsync(string key) => js.InvokeAsync<string?>("claudeProxyPanel.get", key);

    public ValueTask SetAsync(string key, string value) => js.InvokeVoidAsync("claudeProxyPanel.set", key, value);

    public ValueTask RemoveAsync(string key) => js.InvokeVoidAsync("claudeProxyPanel.remove", key);

    /// <summary>The browser's preferred language (navigator.language), e.g. <c>zh-CN</c>.</summary>
    public ValueTask<string?> BrowserLanguageAsync() => js.InvokeAsync<string?>("claudeProxyPanel.language");
}
