using System.Globalization;
using ClaudeProxy.Panel.Services;
using MudBlazor;

namespace ClaudeProxy.Panel.Pages;

/// <summary>How the Logs and Usage pages write times, costs and statuses (invariant, like <see cref="Format"/>).</summary>
internal static class UsageFormat
{
    /// <summary>A log time on the browser's clock (the page names the zone once).</summary>
    public static string Time(DateTimeOffset time, LocalTimeZone zone) => zone.ToLocal(time).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

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
    public static string BucketLabel(DateTimeOffset time, string window, LocalTimeZone zone) => window switch
    {
        "30d" => zone.ToLocal(time).ToString("MM-dd", CultureInfo.InvariantCulture),
        "7d" => zone.ToLocal(time).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => zone.ToLocal(time).ToString("HH:mm", CultureInfo.InvariantCulture),
    };
}
