using System.Globalization;

namespace ClaudeProxy.Cli;

/// <summary>A length of time as the CLI takes it: a whole number and a unit, <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>7d</c>.</summary>
internal static class DurationText
{
    public const string Form = "a whole number and s, m, h or d (90s, 5m, 2h, 7d)";

    public static bool TryParse(string value, out TimeSpan length)
    {
        length = default;
        if (value.Length < 2 || !int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        TimeSpan? parsed = value[^1] switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => null,
        };
        length = parsed ?? default;
        return parsed is not null;
    }
}
