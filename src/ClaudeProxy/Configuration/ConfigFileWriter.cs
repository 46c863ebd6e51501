using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration.FileFormat;

namespace ClaudeProxy.Configuration;

/// <summary>
/// Writes the config file so that a crash or a full disk never leaves a half-written file: the
/// previous file is backed up, the new content goes to a temporary file that is flushed to disk,
/// then renamed over the old one. Every file it creates is owner-only (0600): the config holds
/// upstream API keys.
/// <para>
/// A symlinked config stays a symlink: the write, its temporary file and its backups go to the
/// link's final target, in the target's folder.
/// </para>
/// <para>
/// Backups keep two rotations, so the gateway's own writes never push out what a person may want
/// back: before a <see cref="ConfigWriteKind.Manual"/> edit the old file goes to <c>backups/</c>
/// (the <see cref="BackupsKept"/> newest kept); before an <see cref="ConfigWriteKind.Automatic"/>
/// write (ids, key demotion — which may happen many times a day) to <c>backups/auto/</c> (the
/// <see cref="AutomaticBackupsKept"/> newest kept).
/// </para>
/// <para>
/// A write over a file the gateway read changes only what the config changed (see <see cref="ConfigFileRenderer"/>),
/// so a file kept by claude-proxy or by hand keeps its layout; a new file is written plainly.
/// </para>
/// </summary>
public sealed class ConfigFileWriter(TimeProvider timeProvider)
{
    public const int BackupsKept = 10;

    public const int AutomaticBackupsKept = 3;

    public static byte[] Serialize(ProxyConfig config)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(config, ConfigJsonContext.Default.ProxyConfig);
        return [.. bytes, (byte)'\n'];
    }

    /// <summary>
    /// The bytes that hold <paramref name="config"/>: <paramref name="onDisk"/>'s with only the difference applied,
    /// or a plain serialization when there is no file to keep — or when the rendered text would not read back as
    /// <paramref name="config"/>, which a file must never do.
    /// </summary>
    public static byte[] Render(ProxyConfig config, ConfigFileBase? onDisk)
    {
        if (onDisk is null)
        {
            return Serialize(config);
        }

        var after = ToNode(config);
        return ConfigFileRenderer.TryRender(onDisk.Bytes, ToNode(onDisk.Parsed), after, out var bytes) && ReadsAs(bytes, after) ? bytes : Serialize(config);
    }

    /// <summary>The file a write to <paramref name="path"/> replaces: the final target when it is a symlink, else itself.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target ? Path.GetFullPath(target.FullName) : full;
        }
        catch (FileNotFoundException)
        {
            // No file yet: it is created where it was asked for.
            return full;
        }
    }

    /// <summary>Writes <paramref name="config"/> over the file; <paramref name="onDisk"/>, the file as last read or written, lends it its layout (null: written plainly).</summary>
    public byte[] Write(string path, ProxyConfig config, ConfigWriteKind kind = ConfigWriteKind.Manual, ConfigFileBase? onDisk = null)
    {
        var bytes = Render(config, onDisk);
        var target = RealPath(path);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        if (File.Exists(target))
        {
            Backup(target, directory, kind);
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = OwnerOnlyFile.Create(temp, FileMode.CreateNew))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
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

    private static JsonNode ToNode(ProxyConfig config) => JsonSerializer.SerializeToNode(config, ConfigJsonContext.Default.ProxyConfig)!;

    private static bool ReadsAs(byte[] bytes, JsonNode expected)
    {
        try
        {
            return JsonSemantics.Same(ToNode(ConfigParser.Parse(bytes, "config.json")), expected);
        }
        catch (ConfigFileException)
        {
            return false;
        }
    }

    private void Backup(string path, string directory, ConfigWriteKind kind)
    {
        var (backups, kept) = kind == ConfigWriteKind.Manual
            ? (Path.Combine(directory, "backups"), BackupsKept)
            : (Path.Combine(directory, "backups", "auto"), AutomaticBackupsKept);
        Directory.CreateDirectory(backups);
        var stamp = timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var target = Path.Combine(backups, $"config-{stamp}{Sequel(backups, stamp)}.json");

        using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var copy = OwnerOnlyFile.Create(target, FileMode.CreateNew))
        {
            source.CopyTo(copy);
        }

        // Names without their extension sort by time ("config-S" before "config-S-001"), so the oldest come first.
        var stale = Directory.GetFiles(backups, "config-*.json")
            .OrderBy(Path.GetFileNameWithoutExtension, StringComparer.Ordinal)
            .SkipLast(kept);
        foreach (var file in stale)
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Backups within one millisecond are numbered after the newest of that stamp (never a freed lower
    /// number, which would sort as older and be pruned first): "", then "-001", "-002", …
    /// </summary>
    private static string Sequel(string backups, string stamp)
    {
        var prefix = $"config-{stamp}";
        var newest = -1;
        foreach (var file in Directory.GetFiles(backups, prefix + "*.json"))
        {
            var suffix = Path.GetFileNameWithoutExtension(file)[prefix.Length..];
            var number = suffix.Length == 0 ? 0 : int.TryParse(suffix.TrimStart('-'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            newest = Math.Max(newest, number);
        }

        return newest < 0 ? "" : $"-{newest + 1:D3}";
    }
}
