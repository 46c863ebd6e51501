using System.Globalization;
using System.Text;

namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// Builds the WHERE clause of a log page from its filters, every value a parameter (<c>@name</c>, which both
/// SQLite and Npgsql accept), for every store alike.
/// </summary>
internal static class LogFilterSql
{
    /// <summary>Whether a channel filter names a channel id rather than a name; both stores ask it the same way.</summary>
    public const string ChannelIsId = "SELECT EXISTS (SELECT 1 FROM requests WHERE channel_id = @channel)";

    /// <summary>The clause (empty without filters).</summary>
    /// <param name="query">The filters.</param>
    /// <param name="channelIsId">Whether the channel filter names a channel id (else a name); one column keeps one index usable.</param>
    /// <param name="hourBounds">Whether the store keeps <c>request_hours</c>, which turns a time bound into an id range.</param>
    /// <param name="addParameter">Adds a value; times come as <see cref="DateTimeOffset"/> for the store to convert to its column type.</param>
    public static string Where(LogQuery query, bool channelIsId, bool hourBounds, Action<string, object> addParameter)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(addParameter);
        var sql = new StringBuilder();
        void Add(string condition, string name, object value)
        {
            sql.Append(sql.Length == 0 ? " WHERE " : " AND ").Append(condition);
            addParameter(name, value);
        }

        if (query.Before is { } before)
        {
            Add("id < @before", "@before", before);
        }

        // Each time bound comes with the id range that holds every row inside it (request_hours), so the
        // walk along ids starts and stops near the window instead of visiting every row outside it.
        if (query.Since is { } since)
        {
            Add("time >= @since", "@since", since);
            if (hourBounds)
            {
                sql.Append(" AND id >= (SELECT min(min_id) FROM request_hours WHERE hour >= @since / 3600000)");
            }
        }

        if (query.Until is { } until)
        {
            Add("time <= @until", "@until", until);
            if (hourBounds)
            {
                sql.Append(" AND id <= (SELECT max(max_id) FROM request_hours WHERE hour <= @until / 3600000)");
            }
        }

        if (query.Channel is { } channel)
        {
            Add(channelIsId ? "channel_id = @channel" : "channel = @channel", "@channel", channel);
        }

        if (query.Model is { } model)
        {
            Add("model = @model", "@model", model);
        }

        if (query.Status is { } status)
        {
            Add("status = @status", "@status", status);
        }

        if (query.ErrorType is { } errorType)
        {
            Add("error_type = @error_type", "@error_type", errorType);
        }

        if (query.Key is { } key)
        {
            Add("key_masked = @key", "@key", key);
        }

        if (query.Instance is { } instance)
        {
            Add("instance = @instance", "@instance", instance);
        }

        return sql.ToString();
    }

    public static string Limit(int limit) => " LIMIT " + limit.ToString(CultureInfo.InvariantCulture);
}
