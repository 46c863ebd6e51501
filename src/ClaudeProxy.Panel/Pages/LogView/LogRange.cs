using System.Globalization;
using ClaudeProxy.Panel.Services;

namespace ClaudeProxy.Panel.Pages.LogView;

/// <summary>What is wrong with a typed custom range, if anything.</summary>
public enum LogRangeProblem
{
    None,

    /// <summary>Neither end was given (or one could not be read).</summary>
    Incomplete,

    /// <summary>The start is not before the end.</summary>
    Order,
}

/// <summary>
/// A custom span of the request log: either end may be open. Typed as two local date-times (the browser's
/// <c>datetime-local</c> inputs, <c>yyyy-MM-ddTHH:mm</c>), it goes to the API as UTC.
/// </summary>
public sealed record LogRange(DateTimeOffset? Since, DateTimeOffset? Until)
{
    private static readonly string[] InputFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFF"];

    /// <summary>Reads the two inputs on the browser's clock; <paramref name="range"/> is null unless the answer is <see cref="LogRangeProblem.None"/>.</summary>
    public static LogRangeProblem Read(string? from, string? to, LocalTimeZone zone, out LogRange? range)
    {
        ArgumentNullException.ThrowIfNull(zone);
        range = null;
        var fromOk = TryLocal(from, out var start);
        var toOk = TryLocal(to, out var end);
        if (!fromOk || !toOk || (start is null && end is null))
        {
            return LogRangeProblem.Incomplete;
        }

        var since = start is { } s ? zone.FromLocal(s) : (DateTimeOffset?)null;
        var until = end is { } e ? zone.FromLocal(e) : (DateTimeOffset?)null;
        if (since is { } a && until is { } b && a >= b)
        {
            return LogRangeProblem.Order;
        }

        range = new LogRange(since, until);
        return LogRangeProblem.None;
    }

    // An empty input is an open end (true, null); text that is not a date-time is refused (false).
    private static bool TryLocal(string? text, out DateTime? local)
    {
        local = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTime.TryParseExact(text.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            local = parsed;
            return true;
        }

        return false;
    }
}
