using System.Globalization;
using System.Text.Json;

namespace ClaudeProxy.Configuration;

/// <summary>
/// Writes the config file so that a crash or a full disk never leaves a half-written file: the
/// previous file is copied to <c>backups/</c> (the ten newest kept), the new content goes to a
/// temporary file that is flushed to disk, then renamed over the old one.
/// </summary>
public sealed class ConfigFileWriter(TimeProvider timeProvider)
{
    public const int BackupsKept = 10;

    public static byte[] Serialize(ProxyConfig config)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(config, ConfigJsonContext.Default.ProxyConfig);
        return [.. bytes, (byte)'\n'];
    }

    public byte[] Write(string path, ProxyConfig config)
    {
        var bytes = Serialize(config);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        if (File.Exists(path))
        {
            Backup(path, directory);
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows())
                {
                    // The file holds upstream API keys.
                    File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return bytes;
    }

    private void Backup(string path, string directory)
    {
        var backups = Path.Combine(directory, "backups");
        Directory.CreateDirectory(backups);
        var stamp = timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var name = $"config-{stamp}.json";
        var target = Path.Combine(backups, name);
        for (var n = 1; File.Exists(target); n++)
        {
            target = Path.Combine(backups, $"config-{stamp}-{n}.json");
        }

        File.Copy(path, target);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Names sort by time, so the oldest come first.
        var stale = Directory.GetFiles(backups, "config-*.json").Order(StringComparer.Ordinal).SkipLast(BackupsKept);
        foreach (var file in stale)
        {
            File.Delete(file);
        }
    }
}
