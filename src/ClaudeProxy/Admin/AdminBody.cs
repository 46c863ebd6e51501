using System.Text.Json;
using ClaudeProxy.Configuration.Editing;

namespace ClaudeProxy.Admin;

/// <summary>
/// Reads the fields of an admin request body, refusing a wrong shape by name ("strategy: expected a
/// string, got a number") as a <see cref="ConfigEditException"/>, which the endpoints answer with 400.
/// </summary>
public static class AdminBody
{
    public static void RequireObject(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"The body must be a JSON object, not {ChannelFieldTypes.Describe(body)}.");
        }
    }

    public static string RequiredString(JsonElement body, string field)
    {
        RequireObject(body);
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: Field required (a string).", field);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: expected a string, got {ChannelFieldTypes.Describe(value)}.", field);
        }

        return value.GetString()!;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when the field is absent or null.</summary>
    public static int OptionalWholeNumber(JsonElement body, string field, int fallback, int min, int max)
    {
        RequireObject(body);
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: expected a whole number from {min} to {max}, got {ChannelFieldTypes.Describe(value)}.", field);
        }

        return number;
    }

    /// <summary>True when the object <paramref name="body"/> has <paramref name="field"/> (even as null).</summary>
    public static bool Has(JsonElement body, string field)
    {
        RequireObject(body);
        return body.TryGetProperty(field, out _);
    }

    public static IReadOnlyList<string> RequiredStrings(JsonElement body, string field)
    {
        RequireObject(body);
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: Field required (an array of strings).", field);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: expected an array of strings, got {ChannelFieldTypes.Describe(value)}.", field);
        }

        var strings = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new ConfigEditException(ConfigEditError.Invalid, $"{field}[{strings.Count}]: expected a string, got {ChannelFieldTypes.Describe(item)}.", field);
            }

            strings.Add(item.GetString()!);
        }

        return strings;
    }

    /// <summary>The channel references of a reorder body: an array, or <c>{"order": [...]}</c>, of ids (strings) or positions (numbers).</summary>
    public static IReadOnlyList<string> ChannelReferences(JsonElement body)
    {
        var list = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("order", out var order) ? order : body;
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"order: expected an array of channel ids or positions, got {ChannelFieldTypes.Describe(list)}.", "order");
        }

        var references = new List<string>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            references.Add(item.ValueKind switch
            {
                JsonValueKind.String => item.GetString()!,
                JsonValueKind.Number when item.TryGetInt32(out _) => item.GetRawText(),
                _ => throw new ConfigEditException(ConfigEditError.Invalid,
                    $"order[{i}]: expected a channel id (a string) or position (a whole number), got {ChannelFieldTypes.Describe(item)}.", "order"),
            });
            i++;
        }

        return references;
    }
}
