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
        var i = rawToken.IndexOf((byte)'\\');
        if (i < 0)
        {
            return false;
        }

        while (i < rawToken.Length - 1)
        {
            if (rawToken[i] != (byte)'\\')
            {
                i++;
                continue;
            }

            if (rawToken[i + 1] != (byte)'u')
            {
                // \" \\ \n …: two bytes, so an escaped backslash never starts an escape of its own.
                i += 2;
                continue;
            }

            if (!TryReadEscape(rawToken, i, out var unit))
            {
                return false;
            }

            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return true;
            }

            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (!TryReadEscape(rawToken, i + 6, out var low) || low is < 0xDC00 or > 0xDFFF)
                {
                    return true;
                }

                i += 12;
                continue;
            }

            i += 6;
        }

        return false;
    }

    private static bool TryReadEscape(ReadOnlySpan<byte> raw, int at, out int unit)
    {
        unit = 0;
        return at + 6 <= raw.Length && raw[at] == (byte)'\\' && raw[at + 1] == (byte)'u'
            && Utf8Parser.TryParse(raw.Slice(at + 2, 4), out ushort value, out var consumed, 'X') && consumed == 4
            && (unit = value) >= 0;
    }
}
