using Npgsql;
using NpgsqlTypes;

namespace ClaudeProxy.Observability.Usage.Postgres;

/// <summary>Writes an entry as one row of the binary copy, in <see cref="PostgresSchema.Copy"/>'s column order.</summary>
internal static class PostgresRowCopy
{
    public static void Write(NpgsqlBinaryImporter copy, long id, RequestLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(copy);
        ArgumentNullException.ThrowIfNull(entry);
        copy.StartRow();
        copy.Write(id, NpgsqlDbType.Bigint);
        copy.Write(PostgresTime.Of(entry.Time), NpgsqlDbType.TimestampTz);
        Text(copy, entry.RequestId);
        Text(copy, entry.Path);
        Text(copy, entry.Model);
        Text(copy, entry.MappedModel);
        Text(copy, entry.Channel);
        Text(copy, entry.ChannelId);
        Text(copy, entry.ServiceType);
        Text(copy, entry.Key);
        copy.Write(entry.Status, NpgsqlDbType.Integer);
        Text(copy, entry.ErrorType);
        Text(copy, entry.ErrorMessage);
        copy.Write(entry.Stream, NpgsqlDbType.Boolean);
        copy.Write(entry.LatencyMs, NpgsqlDbType.Double);
        Real(copy, entry.TtfbMs);
        copy.Write(entry.InputTokens, NpgsqlDbType.Bigint);
        copy.Write(entry.OutputTokens, NpgsqlDbType.Bigint);
        copy.Write(entry.CacheReadTokens, NpgsqlDbType.Bigint);
        copy.Write(entry.CacheCreationTokens, NpgsqlDbType.Bigint);
        Real(copy, entry.CostUsd);
        Text(copy, RequestLogRow.AttemptsJson(entry));
        Text(copy, entry.Instance);
        Text(copy, entry.RequestBody);
        Text(copy, entry.ResponseBody);
    }

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(PostgresText.Clean(value), NpgsqlDbType.Text);
        }
    }

    private static void Real(NpgsqlBinaryImporter copy, double? value)
    {
        if (value is { } number)
        {
            copy.Write(number, NpgsqlDbType.Double);
        }
        else
        {
            copy.WriteNull();
        }
    }
}
