using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClaudeProxy.Configuration;
using Microsoft.Data.Sqlite;

namespace ClaudeProxy.Tests.Upgrades;

/// <summary>
/// A <c>.config/</c> folder as an earlier build left it, made from <c>Upgrades/fixtures/&lt;layout&gt;/</c>: its
/// <c>config.json</c> (with <c>{{name}}</c> where a fake upstream's URL goes), its <c>access-key</c>, and its
/// request log, kept as the SQL text that builds it (<c>usage.sql</c>) and turned into <c>usage.db</c> here. Every
/// file is owner-only, as the gateway writes them.
/// </summary>
internal sealed partial class OldConfigFolder
{
    /// <summary>The layouts, oldest first; the last is the previous release's.</summary>
    public static readonly string[] Layouts = ["v1-figure-columns", "v1-stats-blob", "v2-figure-columns", "v2-request-hours"];

    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private OldConfigFolder(string path, byte[] config, byte[] accessKey)
    {
        Path = path;
        ConfigBytes = config;
        AccessKeyBytes = accessKey;
    }

    /// <summary>The <c>.config</c> folder.</summary>
    public string Path { get; }

    public string ConfigPath => System.IO.Path.Combine(Path, "config.json");

    public string AccessKeyPath => System.IO.Path.Combine(Path, "access-key");

    public string UsageDbPath => System.IO.Path.Combine(Path, "usage.db");

    /// <summary>The config file as the old build left it (URLs filled in).</summary>
    public byte[] ConfigBytes { get; }

    public byte[] AccessKeyBytes { get; }

    public string AccessKey => System.Text.Encoding.UTF8.GetString(AccessKeyBytes).Trim();

    /// <summary>Writes the layout's files into <c>.config</c> under <paramref name="workingDirectory"/>.</summary>
    public static OldConfigFolder Create(string layout, string workingDirectory, IReadOnlyDictionary<string, Uri> urls, DateTimeOffset now)
    {
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "Upgrades", "fixtures", layout);
        var folder = System.IO.Path.Combine(workingDirectory, ".config");
        Directory.CreateDirectory(folder);

        var config = System.Text.Encoding.UTF8.GetBytes(UrlPlaceholder().Replace(
            File.ReadAllText(System.IO.Path.Combine(source, "config.json")),
            m => urls.TryGetValue(m.Groups[1].Value, out var url)
                ? url.ToString().TrimEnd('/')
                : throw new InvalidOperationException($"{layout}/config.json needs a URL for {m.Value}")));
        var accessKey = File.ReadAllBytes(System.IO.Path.Combine(source, "access-key"));
        var old = new OldConfigFolder(folder, config, accessKey);
        WriteOwnerOnly(old.ConfigPath, config);
        WriteOwnerOnly(old.AccessKeyPath, accessKey);

        // An empty owner-only file first: SQLite keeps the mode of the file it opens.
        WriteOwnerOnly(old.UsageDbPath, []);
        using (var connection = Open(old.UsageDbPath, SqliteOpenMode.ReadWrite))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = TimePlaceholder().Replace(File.ReadAllText(System.IO.Path.Combine(source, "usage.sql")), m => Time(m, now));
            command.ExecuteNonQuery();
        }

        return old;
    }

    /// <summary>A connection of its own (no pool), so the file is closed when it is disposed.</summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode = SqliteOpenMode.ReadOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Every row of the request log as the file holds it, newest first, in the usage API's terms.</summary>
    public static List<LoggedRequest> ReadRows(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, time, request_id, path, model, channel, channel_id, key_masked, status, error_type, stream, latency_ms, ttfb_ms,
                input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, cost_usd, attempts
            FROM requests ORDER BY id DESC
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<LoggedRequest>();
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            double? Real(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
            var attempts = JsonNode.Parse(reader.GetString(18))!.AsArray()
                .Select(a => new LoggedAttempt((string)a!["channel"]!, (string)a["key"]!, (int?)a["status"], (string?)a["errorType"], (double)a["latencyMs"]!));
            rows.Add(new LoggedRequest(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), Text(4), Text(5), Text(6), Text(7), reader.GetInt32(8), Text(9),
                reader.GetInt64(10) != 0, reader.GetDouble(11), Real(12), reader.GetInt64(13), reader.GetInt64(14), reader.GetInt64(15), reader.GetInt64(16),
                Real(17), string.Join("; ", attempts)));
        }

        return rows;
    }

    /// <summary>A <c>/api/logs</c> item in the same terms as <see cref="ReadRows"/>.</summary>
    public static LoggedRequest FromApi(JsonNode item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var attempts = item["attempts"]!.AsArray()
            .Select(a => new LoggedAttempt((string)a!["channel"]!, (string)a["key"]!, (int?)a["status"], (string?)a["errorType"], (double)a["latencyMs"]!));
        return new LoggedRequest(
            (long)item["id"]!, DateTimeOffset.Parse((string)item["time"]!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), (string)item["requestId"]!,
            (string)item["path"]!, (string?)item["model"], (string?)item["channel"], (string?)item["channelId"], (string?)item["key"], (int)item["status"]!,
            (string?)item["errorType"], (bool)item["stream"]!, (double)item["latencyMs"]!, (double?)item["ttfbMs"], (long)item["inputTokens"]!,
            (long)item["outputTokens"]!, (long)item["cacheReadTokens"]!, (long)item["cacheCreationTokens"]!, (double?)item["costUsd"], string.Join("; ", attempts));
    }

    private static void WriteOwnerOnly(string path, byte[] bytes)
    {
        using var stream = OwnerOnlyFile.Create(path, FileMode.CreateNew);
        stream.Write(bytes);
    }

    /// <summary><c>{{now-Nm}}</c>: Unix milliseconds N minutes before <paramref name="now"/>; <c>:le64</c> as 8 little-endian bytes in hex.</summary>
    private static string Time(Match match, DateTimeOffset now)
    {
        var ms = now.AddMinutes(-int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).ToUnixTimeMilliseconds();
        if (!match.Groups[2].Success)
        {
            return ms.ToString(CultureInfo.InvariantCulture);
        }

        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, ms);
        return Convert.ToHexString(bytes);
    }

    [GeneratedRegex(@"\{\{([a-z0-9-]+)\}\}")]
    private static partial Regex UrlPlaceholder();

    [GeneratedRegex(@"\{\{now-([0-9]+)m(:le64)?\}\}")]
    private static partial Regex TimePlaceholder();
}

/// <summary>One request log row: what the file holds and what <c>/api/logs</c> shows of it; the attempts as one line, so rows compare by value.</summary>
internal sealed record LoggedRequest(
    long Id, long TimeMs, string RequestId, string Path, string? Model, string? Channel, string? ChannelId, string? Key, int Status, string? ErrorType,
    bool Stream, double LatencyMs, double? TtfbMs, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheCreationTokens, double? CostUsd,
    string Attempts);

internal sealed record LoggedAttempt(string Channel, string Key, int? Status, string? ErrorType, double LatencyMs);
