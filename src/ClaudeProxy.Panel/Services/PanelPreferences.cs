using ClaudeProxy.Panel.Localization;

namespace ClaudeProxy.Panel.Services;

/// <summary>The theme and language in force, remembered in localStorage; the first visit follows the browser's language.</summary>
public sealed class PanelPreferences(BrowserStorage storage)
{
    internal const string ThemeKey = "claudeProxy.theme";
    internal const string LanguageKey = "claudeProxy.language";

    public bool Dark { get; private set; }

    public PanelLanguage Language { get; private set; }

    public PanelStrings Text => PanelStrings.For(Language);

    public bool Loaded { get; private set; }

    /// <summary>Raised after the theme or language changed, so the shell re-renders.</summary>
    public event Action? Changed;

    public async Task LoadAsync()
    {
        if (Loaded)
        {
            return;
        }

        Dark = await storage.GetAsync(ThemeKey).ConfigureAwait(true) == "dark";
        var language = await storage.GetAsync(LanguageKey).ConfigureAwait(true) ?? await storage.BrowserLanguageAsync().ConfigureAwait(true);
        Language = PanelStrings.LanguageOf(language);
        Loaded = true;
        Changed?.Invoke();
    }

    public async Task ToggleThemeAsync()
    {
        Dark = !Dark;
        Changed?.Invoke();
        await storage.SetAsync(ThemeKey, Dark ? "dark" : "light").ConfigureAwait(true);
    }

    public async Task ToggleLanguageAsync()
    {
        Language = Language == PanelLanguage.English ? PanelLanguage.SimplifiedChinese : PanelLanguage.English;
        Changed?.Invoke();
        await storage.SetAsync(LanguageKey, Text.LanguageCode).ConfigureAwait(true);
    }
}
