using Microsoft.JSInterop;

namespace ClaudeProxy.Panel.Services;

/// <summary>The browser's clipboard, through wwwroot/js/panel.js.</summary>
public sealed class Clipboard(IJSRuntime js)
{
    /// <summary>Puts <paramref name="text"/> on the clipboard; false when the browser refused (no permission, not a secure context).</summary>
    public ValueTask<bool> CopyAsync(string text) => js.InvokeAsync<bool>("claudeProxyPanel.copy", text);
}
