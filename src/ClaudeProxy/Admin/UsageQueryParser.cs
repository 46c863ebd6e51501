using System.Globalization;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Admin;

/// <summary>Reads the usage API's query parameters; a bad one is reported by name and what it accepts.</summary>
internal static class UsageQueryParser
{
    public const string WindowProblem = "window: expected one of 15m, 1h, 6h, 24h, 7d, 30d";
    public const string ByProblem = "by: expected one of channel, key, model";

    /// <summary>The log filters, or null with <paramref name="problem"/> set.</summary>
    public static LogQuery? Logs(IQueryCollection query, out string? problem)
    {
        problem = null;
        var limit = LogQuery.DefaultLimit;
        if (Text(query, "limit") is { } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > LogQuery.MaxLimit))
        {
            problem = $"limit: expected a whole number from 1 to {LogQuery.MaxLimit}";
            return null;
        }

        long? before = null;
        if (Text(query, "before") is { } rawBefore)
        {
            if (!long.TryParse(rawBefore, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor))
            {
                problem = "before: expected a cursor (the next value of a previous page)";
                return null;
            }

            before = cursor;
        }

        if (!Time(query, "since", out var since, ref problem) || !Time(query, "until", out var until, ref problem))
        {
            return null;
        }

        int? status = null;
        if (Text(query, "status") is { } rawStatus)
        {
            if (!int.TryParse(rawStatus, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 100 or > 599)
            {
                problem = "status: expected an HTTP status code from 100 to 599";
                return null;
            }

            status = code;
        }

        return new LogQuery
        {
            Limit = limit,
            Before = before,
            Since = since,
            Until = until,
            Channel = Text(query, "channel"),
            Model = Text(query, "model"),
            Status = status,
            ErrorType = Text(query, "errorType"),
            Key = Text(query, "key"),
            Instance = Text(query, "instance"),
        };
    }

    /// <summary>The stats window (default 24h) and grouping (default channel), or false with <paramref name="problem"/> set.</summary>
    public static bool Stats(IQueryCollection query, out StatsWindow window, out StatsGrouping grouping, out string? problem)
    {
        problem = null;
        grouping = StatsGrouping.Channel;
        window = StatsWindow.Parse(Text(query, "window") ?? "24h")!;
        if (window is null)
        {
            problem = WindowProblem;
            return false;
        }

        switch (Text(query, "by") ?? "channel")
        {
            case "channel":
                grouping = StatsGrouping.Channel;
                return true;
            case "key":
                grouping = StatsGrouping.Key;
                return true;
            case "model":
                grouping = StatsGrouping.Model;
                return true;
            default:
                problem = ByProblem;
                return false;
        }
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value ? value : null;

    private static bool Time(IQueryCollection query, string name, out DateTimeOffset? time, ref string? problem)
    {
        time = null;
        if (Text(query, name) is not { } raw)
        {
            return true;
        }

        // RFC 3339 asks for a date, a time and an offset (Z or ±hh:mm).
        if (raw.Length < 20 || !raw.Contains('T', StringComparison.OrdinalIgnoreCase)
            || !DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || !(raw.EndsWith('Z') || raw.EndsWith('z') || raw[^6] is '+' or '-'))
        {
            problem = $"{name}: expected an RFC 3339 time such as 2025-01-31T12:00:00Z";
            return false;
        }

        time = parsed;
        return true;
    }
}
