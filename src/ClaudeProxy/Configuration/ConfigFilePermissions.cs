namespace ClaudeProxy.Configuration;

/// <summary>Whether a file that holds secrets can be read by users other than its owner (Unix modes; Windows has none).</summary>
public static class ConfigFilePermissions
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The file's mode when its group or the world has any access to it (through a symlink: the target's), else null.</summary>
    public static UnixFileMode? OthersCanRead(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOthers) != 0 ? mode : null;
    }

    /// <summary>The permission bits as <c>chmod</c> writes them, e.g. <c>644</c>.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8);
}
