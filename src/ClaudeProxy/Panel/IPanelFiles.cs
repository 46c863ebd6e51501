namespace ClaudeProxy.Panel;

/// <summary>Where the panel's published files come from: the binary itself, or PANEL_DIR.</summary>
public interface IPanelFiles
{
    /// <summary>The file at <paramref name="path"/> (relative, '/'-separated, e.g. <c>_framework/dotnet.js.br</c>), or null.</summary>
    PanelFile? Find(string path);

    /// <summary>Whether <paramref name="path"/> exists, without reading it (the embedded files hash a file on first read).</summary>
    bool Contains(string path);
}
