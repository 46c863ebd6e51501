using ClaudeProxy.Panel.Services;
using Microsoft.AspNetCore.Components;

namespace ClaudeProxy.Panel.Localization;

/// <summary>A component that shows the panel's strings and re-renders when the language or theme changes.</summary>
public abstract class PanelComponent : ComponentBase, IDisposable
{
    [Inject]
    protected PanelPreferences Preferences { get; set; } = default!;

    protected PanelStrings T => Preferences.Text;

    protected override void OnInitialized() => Preferences.Changed += OnPreferencesChanged;

    private void OnPreferencesChanged() => InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Preferences.Changed -= OnPreferencesChanged;
        GC.SuppressFinalize(this);
    }
}
