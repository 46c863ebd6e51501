namespace ClaudeProxy.Panel;

/// <summary>Picks the precompressed sibling (<c>.br</c>, else <c>.gz</c>) that the client's Accept-Encoding allows.</summary>
public static class ContentEncodingChoice
{
    /// <summary>The encodings to try, best first, as (Content-Encoding, file suffix).</summary>
    public static IEnumerable<(string Encoding, string Suffix)> Acceptable(string? acceptEncoding)
    {
        if (Accepts(acceptEncoding, "br"))
        {
            yield return ("br", ".br");
        }

        if (Accepts(acceptEncoding, "gzip"))
        {
            yield return ("gzip", ".gz");
        }
    }

    private static bool Accepts(string? header, string coding)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        bool? named = null;
        bool? wildcard = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var semicolon = part.IndexOf(';', StringComparison.Ordinal);
            var token = (semicolon < 0 ? part : part[..semicolon]).Trim();
            var allowed = semicolon < 0 || !IsZeroQuality(part[(semicolon + 1)..]);
            if (token.Equals(coding, StringComparison.OrdinalIgnoreCase))
            {
                named = allowed;
            }
            else if (token == "*")
            {
                wildcard = allowed;
            }
        }

        return named ?? wildcard ?? false;
    }

    private static bool IsZeroQuality(string parameters)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(parameter.AsSpan(2), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q))
            {
                return q <= 0;
            }
        }

        return false;
    }
}
