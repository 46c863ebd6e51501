using System.Buffers.Text;
using System.Text.Json;

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

    /// <summary>
    /// Where the first string holding an unpaired surrogate escape sits in <paramref name="body"/> (a
    /// property name counts as its property's), or the root when the body is not JSON. Only asked once
    /// <see cref="In"/> found one in the whole body, so a valid request never pays for this walk.
    /// </summary>
    public static JsonPath Locate(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        var containers = new List<(bool IsArray, int NextIndex)>();
        var names = new List<string?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Enter(containers, names, reader.TokenType == JsonTokenType.StartArray);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.RemoveAt(containers.Count - 1);
                        names.RemoveAt(names.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        names[^1] = In(reader.ValueSpan) ? null : reader.GetString();
                        if (names[^1] is null)
                        {
                            return PathOf(containers, names, inPropertyName: true);
                        }

                        break;
                    case JsonTokenType.String when In(reader.ValueSpan):
                        return PathOf(containers, names, inPropertyName: false);
                    default:
                        SkipItem(containers);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the caller's whole-body message is the best there is.
        }

        return JsonPath.Root;
    }

    private static void Enter(List<(bool IsArray, int NextIndex)> containers, List<string?> names, bool isArray)
    {
        SkipItem(containers);
        containers.Add((isArray, 0));
        names.Add(null);
    }

    /// <summary>A value inside an array takes the next index; the index of the value being read is one less.</summary>
    private static void SkipItem(List<(bool IsArray, int NextIndex)> containers)
    {
        if (containers.Count > 0 && containers[^1].IsArray)
        {
            containers[^1] = (true, containers[^1].NextIndex + 1);
        }
    }

    /// <summary>The path of the value being read; for a property name holding the surrogate, the path of its object.</summary>
    private static JsonPath PathOf(List<(bool IsArray, int NextIndex)> containers, List<string?> names, bool inPropertyName)
    {
        SkipItem(containers);
        var path = JsonPath.Root;
        for (var i = 0; i < containers.Count; i++)
        {
            var last = i == containers.Count - 1;
            if (containers[i].IsArray)
            {
                path = path.Item(containers[i].NextIndex - 1);
            }
            else if (names[i] is { } name && !(last && inPropertyName))
            {
                path = path.Property(name);
            }
        }

        return path;
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
