using System.Globalization;
using System.Text;

namespace ClaudeProxy.Panel.Pages.LogView;

/// <summary>
/// The request log's filters as the user typed them, and the <c>/api/logs</c> query they make
/// (the CSV export takes the same query, so what is downloaded is what is shown).
/// </summary>
public sealed record LogFilter
{
    /// <summary>How far back to look; null for the whole log or a <see cref="Range"/>.</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>A fixed span instead of a period.</summary>
    public LogRange? Range { get; init; }

    public string? Channel { get; init; }

    public string? Model { get; init; }

    /// <summary>The HTTP status as typed; see <see cref="StatusIsValid"/>.</summary>
    public string? Status { get; init; }

    public string? ErrorType { get; init; }

    /// <summary>The gateway instance that served the request (its <c>INSTANCE_ID</c>).</summary>
    public string? Instance { get; init; }

    /// <summary>True when the status is empty or a code the API accepts (100–599).</summary>
    public bool StatusIsValid => ParsedStatus(out _);

    /// <summary>The query string (without <c>?</c>) of a page ending before <paramref name="before"/>, filtered as of <paramref name="now"/>.</summary>
    public string Query(DateTimeOffset now, int? limit = null, long? before = null)
    {
        var query = new StringBuilder();
        if (limit is { } l)
        {
            Add(query, "limit", l.ToString(CultureInfo.InvariantCulture));
        }

        if (before is { } cursor)
        {
            Add(query, "before", cursor.ToString(CultureInfo.InvariantCulture));
        }

        if (Period is { } period)
        {
            Add(query, "since", Rfc3339(now - period));
        }
        else if (Range is { } range)
        {
            Add(query, "since", range.Since is { } since ? Rfc3339(since) : null);
            Add(query, "until", range.Until is { } until ? Rfc3339(until) : null);
        }

        Add(query, "channel", Channel);
        Add(query, "model", Model);
        if (ParsedStatus(out var status) && status is { } code)
        {
            Add(query, "status", code.ToString(CultureInfo.InvariantCulture));
        }

        Add(query, "errorType", ErrorType);
        Add(query, "instance", Instance);
        return query.ToString();
    }

    // RFC 3339 in UTC, which the API asks for.
    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private bool ParsedStatus(out int? status)
    {
        status = null;
        if (string.IsNullOrWhiteSpace(Status))
        {
            return true;
        }

        if (int.TryParse(Status.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599)
        {
            status = code;
            return true;
        }

        return false;
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
    }
}
