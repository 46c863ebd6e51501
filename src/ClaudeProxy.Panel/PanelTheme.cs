using MudBlazor;

namespace ClaudeProxy.Panel;

/// <summary>The panel's colours, light and dark; everything else is MudBlazor's default.</summary>
internal static class PanelTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b4532a",
            AppbarBackground = "#b4532a",
            Background = "#f7f5f2",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#e08a5f",
            AppbarBackground = "#2b2522",
            Background = "#1b1816",
            Surface = "#25211e",
            DrawerBackground = "#211d1a",
        },
    };
}
