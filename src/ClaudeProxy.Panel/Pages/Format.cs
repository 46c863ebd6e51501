using System.Globalization;

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
}
