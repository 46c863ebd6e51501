namespace ClaudeProxy.Configuration;

/// <summary>
/// Files that hold secrets (the config, its backups, the access key) are created readable and
/// writable by their owner only (0600 on Unix), with no moment in which others could open them.
/// </summary>
public static class OwnerOnlyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Opens <paramref name="path"/> for writing with <paramref name="mode"/> (e.g. <see cref="FileMode.CreateNew"/>), owner-only.</summary>
    public static FileStream Create(string path, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // The create mode applies to a new file only; an existing one keeps its mode unless told.
            File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
        }

        return stream;
    }
}
