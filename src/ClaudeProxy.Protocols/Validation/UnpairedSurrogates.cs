using System.Buffers.Text;

namespace ClaudeProxy.Protocols.Validation;

/// <summary>
/// Finds <c>\uD800</c>-style escapes that do not form a surrogate pair. JSON's grammar allows them,
/// but they are no Unicode text: .NET cannot decode such a string, and upstreams reject it. Valid
/// UTF-8 cannot encode a surrogate, so escapes are the only way one gets in.
/// </summary>
public static class UnpairedSurrogates
{
    /// <summary>True when the raw (still escaped) JSON string token holds a lone high or low surrogate escape.</summary>
    public static bool In(ReadOnlySpan<byte> rawToken)
    {
        // Jumps from one "\u" to the next with a vectorized search: request bodies are mostly text
        // full of other escapes (\n, \"), and a byte-by-byte walk over them costs more than the parse.
        var offset = 0;
        while (true)
        {
            var found = rawToken[offset..].IndexOf("\\u"u8);
            if (found < 0)
            {
                return false;
            }

            var at = offset + found;
            if (IsEscapedBackslash(rawToken, at))
            {
                // "\\u": a literal backslash followed by the letter u, not an escape.
                offset = at + 2;
                continue;
            }

            if (!TryReadEscape(rawToken, at, out var unit))
            {
                return false;
            }

            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return true;
            }

            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (!TryReadEscape(rawToken, at + 6, out var low) || low is < 0xDC00 or > 0xDFFF)
                {
                    return true;
                }

                offset = at + 12;
                continue;
            }

            offset = at + 6;
        }
    }

    /// <summary>True when the backslash at <paramref name="at"/> is the second half of an escaped backslash (an odd run of backslashes stands before it).</summary>
    private static bool IsEscapedBackslash(ReadOnlySpan<byte> raw, int at)
    {
        var run = 0;
        for (var i = at - 1; i >= 0 && raw[i] == (byte)'\\'; i--)
        {
            run++;
        }

        return run % 2 == 1;
    }

    private static bool TryReadEscape(ReadOnlySpan<byte> raw, int at, out int unit)
    {
        unit = 0;
        return at + 6 <= raw.Length && raw[at] == (byte)'\\' && raw[at + 1] == (byte)'u'
            && Utf8Parser.TryParse(raw.Slice(at + 2, 4), out ushort value, out var consumed, 'X') && consumed == 4
            && (unit = value) >= 0;
    }
}
