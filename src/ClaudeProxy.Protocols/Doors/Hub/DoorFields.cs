using System.Globalization;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>
/// Typed reads of an OpenAI request (Chat Completions, Responses): each wrong type or missing field is a
/// <see cref="DoorProblem"/> naming the field by its JSON path, as OpenAI reports it.
/// </summary>
internal static class DoorFields
{
    public static bool TryGet(JsonElement owner, string name, out JsonElement value) =>
        owner.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static JsonElement Required(JsonElement owner, string name, string path) =>
        TryGet(owner, name, out var value) ? value : throw DoorProblem.At(path, "Field required");

    public static JsonElement RequiredString(JsonElement owner, string name, string path)
    {
        var value = Required(owner, name, path);
        String(value, path);
        return value;
    }

    public static string RequiredNonEmptyString(JsonElement owner, string name, string path)
    {
        var value = RequiredString(owner, name, path).GetString()!;
        return value.Length > 0 ? value : throw DoorProblem.At(path, "must not be empty");
    }

    public static void String(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw DoorProblem.At(path, "expected a string");
        }
    }

    public static void Object(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw DoorProblem.At(path, "expected an object");
        }
    }

    public static bool? OptionalBoolean(JsonElement owner, string name, string path)
    {
        if (!TryGet(owner, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw DoorProblem.At(path, "expected a boolean"),
        };
    }

    public static int Integer(JsonElement value, string path, int min)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var integer))
        {
            throw DoorProblem.At(path, "expected an integer");
        }

        if (integer < min)
        {
            throw DoorProblem.At(path, FormattableString.Invariant($"must be at least {min}"));
        }

        return integer > int.MaxValue ? throw DoorProblem.At(path, FormattableString.Invariant($"must be at most {int.MaxValue}")) : (int)integer;
    }

    public static double Number(JsonElement value, string path, double min, double max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw DoorProblem.At(path, "expected a number");
        }

        return number >= min && number <= max ? number : throw DoorProblem.At(path, FormattableString.Invariant($"must be between {min} and {max}"));
    }

    public static void Array(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw DoorProblem.At(path, "expected an array");
        }
    }

    public static bool Boolean(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw DoorProblem.At(path, "expected a boolean"),
    };

    public static string Item(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>A string value for a message, cut short: the client may have sent megabytes.</summary>
    public static string Quote(JsonElement value)
    {
        const int Shown = 64;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        return text.Length <= Shown ? $"'{text}'" : $"'{text[..Shown]}…'";
    }
}
