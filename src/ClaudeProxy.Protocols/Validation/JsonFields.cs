using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Validation;

/// <summary>
/// Typed reads of an object's fields that fail with a <see cref="TranslationException"/> naming the
/// field's path (<c>messages.0.content.0.text: expected a string</c>), the way Anthropic words it.
/// An optional field may be absent or <c>null</c>; a required one must be there.
/// </summary>
internal static class JsonFields
{
    public static TranslationException Problem(in JsonPath path, string problem) => new($"{path}: {problem}");

    /// <summary>The field's value; false when it is absent or null.</summary>
    public static bool TryGet(JsonElement owner, string name, out JsonElement value) =>
        owner.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static JsonElement Required(JsonElement owner, string name, in JsonPath ownerPath) =>
        owner.TryGetProperty(name, out var value) ? value : throw Problem(ownerPath.Property(name), "Field required");

    public static void String(JsonElement value, in JsonPath path)
    {
        // Unpaired surrogate escapes are looked for once over the whole body, at the end of the validation.
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Problem(path, "expected a string");
        }
    }

    public static JsonElement RequiredString(JsonElement owner, string name, in JsonPath ownerPath)
    {
        var value = Required(owner, name, ownerPath);
        String(value, ownerPath.Property(name));
        return value;
    }

    public static void RequiredNonEmptyString(JsonElement owner, string name, in JsonPath ownerPath)
    {
        if (RequiredString(owner, name, ownerPath).ValueEquals(""u8))
        {
            throw Problem(ownerPath.Property(name), "must not be empty");
        }
    }

    public static void OptionalString(JsonElement owner, string name, in JsonPath ownerPath)
    {
        if (TryGet(owner, name, out var value))
        {
            String(value, ownerPath.Property(name));
        }
    }

    public static void Object(JsonElement value, in JsonPath path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Problem(path, "expected an object");
        }
    }

    public static JsonElement RequiredObject(JsonElement owner, string name, in JsonPath ownerPath)
    {
        var value = Required(owner, name, ownerPath);
        Object(value, ownerPath.Property(name));
        return value;
    }

    public static bool OptionalObject(JsonElement owner, string name, in JsonPath ownerPath, out JsonElement value)
    {
        if (!TryGet(owner, name, out value))
        {
            return false;
        }

        Object(value, ownerPath.Property(name));
        return true;
    }

    public static JsonElement RequiredArray(JsonElement owner, string name, in JsonPath ownerPath)
    {
        var value = Required(owner, name, ownerPath);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Problem(ownerPath.Property(name), "expected an array");
        }

        return value;
    }

    public static bool OptionalArray(JsonElement owner, string name, in JsonPath ownerPath, out JsonElement value)
    {
        if (!TryGet(owner, name, out value))
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Problem(ownerPath.Property(name), "expected an array");
        }

        return true;
    }

    public static void OptionalBoolean(JsonElement owner, string name, in JsonPath ownerPath)
    {
        if (TryGet(owner, name, out var value) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Problem(ownerPath.Property(name), "expected a boolean");
        }
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>], when present.</summary>
    public static void OptionalNumber(JsonElement owner, string name, in JsonPath ownerPath, double min, double max)
    {
        if (!TryGet(owner, name, out var value))
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Problem(ownerPath.Property(name), "expected a number");
        }

        if (!value.TryGetDouble(out var number) || number < min || number > max)
        {
            throw Problem(ownerPath.Property(name), FormattableString.Invariant($"must be between {min} and {max}"));
        }
    }

    /// <summary>A 32-bit integer of at least <paramref name="min"/>.</summary>
    public static void Integer(JsonElement value, in JsonPath path, int min)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Problem(path, "expected an integer");
        }

        if (value.TryGetInt64(out var integer))
        {
            if (integer < min)
            {
                throw Problem(path, FormattableString.Invariant($"must be at least {min}"));
            }

            if (integer > int.MaxValue)
            {
                throw Problem(path, FormattableString.Invariant($"must be at most {int.MaxValue}"));
            }

            return;
        }

        // 1e12 is an integer too large to take; 1.5 (or 1.0, which the mappers cannot read as one) is no integer.
        if (value.TryGetDouble(out var number) && Math.Floor(number) == number && Math.Abs(number) > int.MaxValue)
        {
            throw Problem(path, number < min
                ? FormattableString.Invariant($"must be at least {min}")
                : FormattableString.Invariant($"must be at most {int.MaxValue}"));
        }

        throw Problem(path, "expected an integer");
    }

    public static void OptionalInteger(JsonElement owner, string name, in JsonPath ownerPath, int min)
    {
        if (TryGet(owner, name, out var value))
        {
            Integer(value, ownerPath.Property(name), min);
        }
    }

    /// <summary>A string that is one of <paramref name="allowed"/>; returns which (its index).</summary>
    public static int OneOf(JsonElement value, in JsonPath path, params ReadOnlySpan<string> allowed)
    {
        String(value, path);
        var index = IndexOfAscii(value, allowed);
        return index >= 0 ? index : throw Problem(path, $"{Quote(value)} is not one of {string.Join(", ", allowed)}");
    }

    /// <summary>
    /// Which of the ASCII <paramref name="candidates"/> the string <paramref name="value"/> equals, or -1.
    /// Compares the raw bytes with each candidate's characters: <see cref="JsonElement.ValueEquals(string)"/>
    /// would transcode every candidate to UTF-8 first, and a content block's type is checked against dozens.
    /// </summary>
    public static int IndexOfAscii(JsonElement value, ReadOnlySpan<string> candidates)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            // Escaped: let the document unescape it (rare in a type name).
            for (var i = 0; i < candidates.Length; i++)
            {
                if (value.ValueEquals(candidates[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        var text = raw[1..^1];
        for (var i = 0; i < candidates.Length; i++)
        {
            if (Ascii.Equals(text, candidates[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A string value for a message, cut short: the client may have sent megabytes.</summary>
    public static string Quote(JsonElement value)
    {
        const int Shown = 64;
        var text = value.GetString() ?? "";
        return text.Length <= Shown ? $"'{text}'" : $"'{text[..Shown]}…'";
    }
}
