using System.Globalization;

namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>
/// Reads an ISO-8601 timestamp with a zone (<c>Z</c> or <c>±hh:mm</c>) as the instant it names. Go writes up
/// to nine fraction digits, .NET keeps seven (100 ns): the digits past seven are cut, as System.Text.Json does
/// when it reads the config, so a timestamp we re-serialize still names the instant of the file's.
/// </summary>
internal static class IsoInstant
{
    private const int FractionStart = 20;

    private const int KeptFractionDigits = 7;

    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length < FractionStart || text[10] != 'T' || !char.IsAsciiDigit(text[0]))
        {
            return false;
        }

        if (text[FractionStart - 1] == '.')
        {
            var digits = 0;
            while (FractionStart + digits < text.Length && char.IsAsciiDigit(text[FractionStart + digits]))
            {
                digits++;
            }

            if (digits > KeptFractionDigits)
            {
                text = string.Concat(text.AsSpan(0, FractionStart + KeptFractionDigits), text.AsSpan(FractionStart + digits));
            }
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }
}
