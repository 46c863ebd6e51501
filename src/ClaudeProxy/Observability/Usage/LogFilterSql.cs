using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ClaudeProxy.Observability.Usage;

/// <summary>Builds the WHERE clause of a log page from its filters, every value a parameter.</summary>
internal static class LogFilterSql
{
    /// <summary>The clause (empty without filters); its values are added to <paramref name="command"/>.</summary>
    /// <param name="query">The filters.</param>
    /// <param name="command">Receives the parameters.</param>
    /// <param name="channelIsId">Whether the channel filter names a channel id (else a name); one column keeps one index usable.</param>
    public static string Where(LogQuery query, SqliteCommand command, bool channelIsId)
    {
        var sql = new StringBuilder();
        void Add(string condition, string name, object value)
        {
            sql.Append(sql.Length == 0 ? " WHERE " : " AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (query.Before is { } before)
        {
            Add("id < $before", "$before", before);
        }

        // Each time bound comes with the id range that holds every row inside it (request_hours), so the
        // walk along ids starts and stops near the window instead of visiting every row outside it.
        if (query.Since is { } since)
        {
            Add("time >= $since", "$since", since.ToUnixTimeMilliseconds());
            sql.Append(" AND id >= (SELECT min(min_id) FROM request_hours WHERE hour >= $since / 3600000)");
        }

        if (query.Until is { } until)
        {
            Add("time <= $until", "$until", until.ToUnixTimeMilliseconds());
            sql.Append(" AND id <= (SELECT max(max_id) FROM request_hours WHERE hour <= $until / 3600000)");
        }

        if (query.Channel is { } channel)
        {
            Add(channelIsId ? "channel_id = $channel" : "channel = $channel", "$channel", channel);
        }

        if (query.Model is { } model)
        {
            Add("model = $model", "$model", model);
        }

        if (query.Status is { } status)
        {
            Add("status = $status", "$status", status);
        }

        if (query.ErrorType is { } errorType)
        {
            Add("error_type = $error_type", "$error_type", errorType);
        }

        if (query.Key is { } key)
        {
            Add("key_masked = $key", "$key", key);
        }

        return sql.ToString();
    }

    public static string Limit(int limit) => " LIMIT " + limit.ToString(CultureInfo.InvariantCulture);
}
