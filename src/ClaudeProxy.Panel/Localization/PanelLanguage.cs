namespace ClaudeProxy.Panel.Localization;

/// <summary>The languages the panel speaks.</summary>
public enum PanelLanguage
{
    English,
    SimplifiedChinese,
}
