using System.Collections.Frozen;
using System.Text.Json;

namespace ClaudeProxy.Configuration.Editing;

/// <summary>
/// The JSON type each editable channel field takes, so a body with a wrong type is refused by name
/// ("priority: expected a whole number") before anything tries to read it.
/// </summary>
public static class ChannelFieldTypes
{
    private static readonly FieldType Text = new("a string", v => v.ValueKind == JsonValueKind.String);
    private static readonly FieldType Flag = new("true or false", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False);
    private static readonly FieldType WholeNumber = new("a whole number", v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _));
    private static readonly FieldType Texts = new("an array of strings", v => v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String));
    private static readonly FieldType TextMap = new("an object of strings", v => v.ValueKind == JsonValueKind.Object && v.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String));

    private static readonly FrozenDictionary<string, FieldType> Types = new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["name"] = Text,
        ["serviceType"] = Text,
        ["baseUrl"] = Text,
        ["baseUrls"] = Texts,
        ["apiKeys"] = Texts,
        ["modelMapping"] = TextMap,
        ["headers"] = TextMap,
        ["description"] = Text,
        ["website"] = Text,
        ["insecureSkipVerify"] = Flag,
        ["status"] = Text,
        ["priority"] = WholeNumber,
        ["weight"] = WholeNumber,
        ["authStyle"] = Text,
        ["models"] = Texts,
        ["loadBalance"] = Text,
        ["maxTokens"] = WholeNumber,
        ["maxConcurrency"] = WholeNumber,
        ["rpm"] = WholeNumber,
        ["reasoning"] = Text,
        ["systemMessagesInPlace"] = Flag,
        ["foldSystemMessages"] = Flag,
        ["forwardUserId"] = Flag,
        ["doors"] = Texts,
        ["injectDummyThoughtSignature"] = Flag,
        ["stripThoughtSignature"] = Flag,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The editable fields.</summary>
    public static IEnumerable<string> Names => Types.Keys;

    /// <summary>Throws when <paramref name="value"/> (not null) is not of the field's type.</summary>
    public static void Check(string field, JsonElement value)
    {
        if (Types.TryGetValue(field, out var type) && !type.Accepts(value))
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: expected {type.Description}, got {Describe(value)}.", field);
        }
    }

    /// <summary>How a JSON value is named in an error: "a number", "an object", …</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private sealed record FieldType(string Description, Func<JsonElement, bool> Accepts);
}
