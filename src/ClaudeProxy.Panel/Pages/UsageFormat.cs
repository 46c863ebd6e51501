using System.Globalization;
using MudBlazor;

namespace ClaudeProxy.Panel.Pages;

/// <summary>How the Logs and Usage pages write times, costs and statuses (invariant, like <see cref="Format"/>).</summary>
internal static class UsageFormat
{
    /// <summary>A log time in UTC: the app carries no time zone data, so local time would be UTC anyway and unlabelled.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A cost with enough digits for one request's fraction of a cent; <paramref name="none"/> for an unknown price, never $0.</summary>
    public static string Cost(double? usd, string none) =>
        usd is { } u ? "$" + u.ToString(u >= 1 ? "0.00" : "0.00####", CultureInfo.InvariantCulture) : none;

    public static string Tokens(long input, long output) => $"{Format.Count(input)} / {Format.Count(output)}";

    /// <summary>The colour of a status chip: success, client trouble (incl. 429, 499) or upstream/gateway failure.</summary>
    public static Color StatusColor(int? status) => status switch
    {
        null => Color.Default,
        >= 200 and < 300 => Color.Success,
        >= 500 => Color.Error,
        >= 400 => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>A chart axis label for a bucket start: the day only when the window spans days.</summary>
    public static string BucketLabel(DateTimeOffset time, string window) => window switch
    {
        "30d" => time.UtcDateTime.ToString("MM-dd", CultureInfo.InvariantCulture),
        "7d" => time.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => time.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture),
    };
}
