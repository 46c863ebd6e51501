using System.Globalization;

namespace ClaudeProxy.Panel;

/// <summary>
/// The panel served from a folder (PANEL_DIR, a panel publish's wwwroot), read on every request so a
/// fresh publish shows on reload. Paths never leave the folder.
/// </summary>
public sealed class DirectoryPanelFiles(string root) : IPanelFiles
{
    private readonly string _root = Path.GetFullPath(root) + Path.DirectorySeparatorChar;

    public bool Contains(string path) => Locate(path) is not null;

    public PanelFile? Find(string path)
    {
        if (Locate(path) is not { } info)
        {
            return null;
        }

        var full = info.FullName;
        // Length and write time change with every publish; cheap enough to work out per request.
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
        return new PanelFile(path, info.Length, etag, () => new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true));
    }

    private FileInfo? Locate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root, StringComparison.Ordinal))
        {
            return null;
        }

        var info = new FileInfo(full);
        return info.Exists ? info : null;
    }
}
