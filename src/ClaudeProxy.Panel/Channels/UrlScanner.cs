namespace ClaudeProxy.Panel.Channels;

/// <summary>
/// Finds http(s) URLs in free text: the scheme in any case, then everything up to whitespace, a quote,
/// an angle bracket or a backtick. Hand-written rather than a regex: a regex pulls the interpreter into
/// the panel's download.
/// </summary>
internal static class UrlScanner
{
    /// <summary>Every URL in <paramref name="text"/>, in order, as ranges of it.</summary>
    public static List<Range> FindAll(string text)
    {
        var found = new List<Range>();
        var i = 0;
        while (i < text.Length)
        {
            var bodyStart = BodyStart(text, i);
            if (bodyStart < 0)
            {
                i++;
                continue;
            }

            var end = bodyStart;
            while (end < text.Length && !EndsUrl(text[end]))
            {
                end++;
            }

            found.Add(i..end);
            i = end;
        }

        return found;
    }

    /// <summary><paramref name="text"/> with each of the <paramref name="urls"/> (in order) replaced by a space.</summary>
    public static string RemoveAll(string text, IReadOnlyList<Range> urls)
    {
        var rest = new System.Text.StringBuilder(text.Length);
        var copied = 0;
        foreach (var url in urls)
        {
            var (start, length) = url.GetOffsetAndLength(text.Length);
            rest.Append(text, copied, start - copied).Append(' ');
            copied = start + length;
        }

        return rest.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where a URL's body starts when "http://" or "https://" (plus one body character) is at <paramref name="at"/>, else -1.</summary>
    private static int BodyStart(string text, int at)
    {
        var rest = text.AsSpan(at);
        if (!rest.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        var afterScheme = rest[4..] switch
        {
            var r when r.StartsWith("://", StringComparison.Ordinal) => at + 7,
            var r when r.Length > 0 && (r[0] is 's' or 'S') && r[1..].StartsWith("://", StringComparison.Ordinal) => at + 8,
            _ => -1,
        };
        return afterScheme >= 0 && afterScheme < text.Length && !EndsUrl(text[afterScheme]) ? afterScheme : -1;
    }

    private static bool EndsUrl(char c) => char.IsWhiteSpace(c) || c is '"' or '\'' or '<' or '>' or '`';
}
