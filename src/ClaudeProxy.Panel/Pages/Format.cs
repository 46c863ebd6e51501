using System.Globalization;
using ClaudeProxy.Panel.Services;

namespace ClaudeProxy.Panel.Pages;

/// <summary>How the dashboard writes its figures (invariant: the app carries no culture data).</summary>
internal static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double? fraction, string none) =>
        fraction is { } f ? (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : none;

    public static string Milliseconds(double? ms, string none) =>
        ms is { } m ? m.ToString("N0", CultureInfo.InvariantCulture) + " ms" : none;

    public static string Usd(double? usd, string none) =>
        usd is { } u ? "$" + u.ToString("0.00##", CultureInfo.InvariantCulture) : none;

    public static string Uptime(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h"
            : span.TotalHours >= 1 ? $"{span.Hours}h {span.Minutes}m"
            : $"{span.Minutes}m {span.Seconds}s";
    }

    /// <summary>A time of day on the browser's clock.</summary>
    public static string Clock(DateTimeOffset time, LocalTimeZone zone) => zone.ToLocal(time).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A moment ahead (a promotion's or a rest's end) on the browser's clock: hours and minutes, with the date when it is not today.</summary>
    public static string Until(DateTimeOffset time, DateTimeOffset now, LocalTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = zone.ToLocal(time);
        return local.ToString(local.Date == zone.ToLocal(now).Date ? "HH:mm" : "MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>A chart bucket's start on the browser's clock: the time of day, with the date for windows longer than a day.</summary>
    public static string Bucket(DateTimeOffset time, bool withDate, LocalTimeZone zone) =>
        zone.ToLocal(time).ToString(withDate ? "MM-dd HH:mm" : "HH:mm", CultureInfo.InvariantCulture);
}
