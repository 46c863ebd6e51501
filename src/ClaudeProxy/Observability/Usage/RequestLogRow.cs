using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// Turns an entry into SQLite insert parameters, and a row of any store (read in <see cref="UsageSchema.ItemColumns"/> order)
/// back into an entry.
/// </summary>
internal static class RequestLogRow
{
    private static readonly string[] ParameterNames =
    [
        "$time", "$request_id", "$path", "$model", "$mapped_model", "$channel", "$channel_id", "$service_type", "$key_masked", "$status",
        "$error_type", "$error_message", "$stream", "$latency_ms", "$ttfb_ms", "$input_tokens", "$output_tokens", "$cache_read_tokens",
        "$cache_creation_tokens", "$cost_usd", "$attempts", "$stats", "$request_body", "$response_body", "$instance",
    ];

    public static void AddParameters(SqliteCommand command)
    {
        foreach (var name in ParameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    public static void Bind(SqliteCommand command, RequestLogEntry entry)
    {
        object?[] values =
        [
            entry.Time.ToUnixTimeMilliseconds(), entry.RequestId, entry.Path, entry.Model, entry.MappedModel, entry.Channel, entry.ChannelId,
            entry.ServiceType, entry.Key, entry.Status, entry.ErrorType, entry.ErrorMessage, entry.Stream ? 1 : 0, entry.LatencyMs, entry.TtfbMs,
            entry.InputTokens, entry.OutputTokens, entry.CacheReadTokens, entry.CacheCreationTokens, entry.CostUsd,
            AttemptsJson(entry), StatsRecord.Of(entry).ToBytes(), entry.RequestBody, entry.ResponseBody, entry.Instance,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>The attempts as the <c>attempts</c> column keeps them.</summary>
    public static string AttemptsJson(RequestLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Serialize([.. entry.Attempts], UsageStoreJsonContext.Default.AttemptLogEntryArray);
    }

    public static RequestLogEntry Read(DbDataReader row, bool withBodies)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new RequestLogEntry
        {
            Id = row.GetInt64(0),
            Time = Time(row, 1),
            RequestId = row.GetString(2),
            Path = row.GetString(3),
            Model = Text(row, 4),
            MappedModel = Text(row, 5),
            Channel = Text(row, 6),
            ChannelId = Text(row, 7),
            ServiceType = Text(row, 8),
            Key = Text(row, 9),
            Status = row.GetInt32(10),
            ErrorType = Text(row, 11),
            ErrorMessage = Text(row, 12),
            Stream = row.GetBoolean(13),
            LatencyMs = row.GetDouble(14),
            TtfbMs = row.IsDBNull(15) ? null : row.GetDouble(15),
            InputTokens = row.GetInt64(16),
            OutputTokens = row.GetInt64(17),
            CacheReadTokens = row.GetInt64(18),
            CacheCreationTokens = row.GetInt64(19),
            CostUsd = row.IsDBNull(20) ? null : row.GetDouble(20),
            Attempts = JsonSerializer.Deserialize(row.GetString(21), UsageStoreJsonContext.Default.AttemptLogEntryArray) ?? [],
            Instance = Text(row, 22),
            RequestBody = withBodies ? Text(row, 23) : null,
            ResponseBody = withBodies ? Text(row, 24) : null,
        };
    }

    /// <summary>SQLite keeps Unix milliseconds; PostgreSQL a timestamptz holding the same milliseconds.</summary>
    private static DateTimeOffset Time(DbDataReader row, int ordinal) =>
        row.GetFieldType(ordinal) == typeof(DateTime)
            ? new DateTimeOffset(DateTime.SpecifyKind(row.GetDateTime(ordinal), DateTimeKind.Utc))
            : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));

    private static string? Text(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
