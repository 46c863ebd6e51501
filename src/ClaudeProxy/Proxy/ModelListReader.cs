using System.Globalization;
using System.Text.Json;

namespace ClaudeProxy.Proxy;

/// <summary>
/// Reads an upstream's <c>/v1/models</c> answer into the Anthropic shape, keeping only the fields of
/// that shape: an upstream's body may carry anything (its own headers, keys, debugging), and none of
/// it is relayed. An answer that is not a model list (or a model) is refused, not guessed at.
/// </summary>
public static class ModelListReader
{
    /// <summary>A page: <c>{"data":[{"id":…},…], "has_more":…}</c>; false for anything else.</summary>
    public static bool TryReadPage(ReadOnlySpan<byte> body, out ModelListPage page)
    {
        page = null!;
        if (!TryParseObject(body, out var root) || !root.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var entries = new List<ModelListEntry>();
        foreach (var item in data.EnumerateArray())
        {
            if (!TryReadEntry(item, out var entry))
            {
                return false;
            }

            entries.Add(entry);
        }

        var hasMore = root.TryGetProperty("has_more"u8, out var more) && more.ValueKind == JsonValueKind.True;
        page = new ModelListPage(entries, hasMore, StringOrNull(root, "first_id"u8) ?? entries.FirstOrDefault()?.Id, StringOrNull(root, "last_id"u8) ?? entries.LastOrDefault()?.Id);
        return true;
    }

    /// <summary>One model: <c>{"id":…, "display_name":…, "created_at":…}</c>; false for anything else.</summary>
    public static bool TryReadModel(ReadOnlySpan<byte> body, out ModelListEntry entry)
    {
        entry = null!;
        return TryParseObject(body, out var root) && TryReadEntry(root, out entry);
    }

    private static bool TryReadEntry(JsonElement item, out ModelListEntry entry)
    {
        entry = null!;
        if (item.ValueKind != JsonValueKind.Object || StringOrNull(item, "id"u8) is not { Length: > 0 } id)
        {
            return false;
        }

        if (item.TryGetProperty("type"u8, out var type) && !(type.ValueKind == JsonValueKind.String && type.ValueEquals("model"u8)))
        {
            return false;
        }

        var created = StringOrNull(item, "created_at"u8) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : DateTimeOffset.UnixEpoch;
        entry = new ModelListEntry("model", id, StringOrNull(item, "display_name"u8) ?? id, created);
        return true;
    }

    private static bool TryParseObject(ReadOnlySpan<byte> body, out JsonElement root)
    {
        root = default;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? StringOrNull(JsonElement obj, ReadOnlySpan<byte> name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
