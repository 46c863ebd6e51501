using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// Reads the parts of a whole Responses output item (from a response's <c>output</c>, or a stream's
/// <c>response.output_item.done</c>) that become Anthropic content, the same way for both.
/// </summary>
internal static class ResponsesOutputItem
{
    public const string Separator = "\n\n";

    /// <summary>The <c>item</c> of a <c>response.output_item.added</c> or <c>.done</c> event; undefined when it has none.</summary>
    public static JsonElement Of(JsonElement chunk) =>
        chunk.TryGetProperty("item"u8, out var item) && item.ValueKind == JsonValueKind.Object ? item : default;

    public static string? Type(JsonElement item) => String(item, "type"u8);

    /// <summary>
    /// A reasoning item's text: its summaries, or else (servers that show raw reasoning, as gpt-oss
    /// ones do) its <c>reasoning_text</c> parts; each joined with a blank line, empty ones left out.
    /// </summary>
    public static string ReasoningText(JsonElement item)
    {
        var summary = JoinTexts(item, "summary"u8, "summary_text"u8);
        return summary.Length > 0 ? summary : JoinTexts(item, "content"u8, "reasoning_text"u8);
    }

    /// <summary>The opaque reasoning the next turn must hand back; null when absent or empty.</summary>
    public static string? EncryptedContent(JsonElement item) => String(item, "encrypted_content"u8) is { Length: > 0 } content ? content : null;

    /// <summary>A message item's non-empty <c>output_text</c> and <c>refusal</c> parts, in order; other kinds of part are reported.</summary>
    public static List<(string Text, bool IsRefusal)> MessageParts(JsonElement item, List<string> notes)
    {
        var parts = new List<(string, bool)>();
        if (!item.TryGetProperty("content"u8, out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return parts;
        }

        foreach (var part in content.EnumerateArray())
        {
            switch (String(part, "type"u8))
            {
                case "output_text":
                    if (String(part, "text"u8) is { Length: > 0 } text)
                    {
                        parts.Add((text, false));
                    }

                    break;
                case "refusal":
                    if (String(part, "refusal"u8) is { Length: > 0 } refusal)
                    {
                        parts.Add((refusal, true));
                    }

                    break;
                case var kind:
                    notes.Add($"Dropped a message content part of type '{kind ?? "unknown"}': the Anthropic format has no block for it.");
                    break;
            }
        }

        return parts;
    }

    /// <summary>The <c>tool_use</c> id for a function call: its <c>call_id</c> in Anthropic's alphabet, which the next request sends back as the <c>call_id</c>.</summary>
    public static string ToolUseId(JsonElement item) => ToolUseIds.Sanitize(String(item, "call_id"u8));

    public static string? Name(JsonElement item) => String(item, "name"u8) is { Length: > 0 } name ? name : null;

    /// <summary>A function call's <c>arguments</c>; undefined when it has none.</summary>
    public static JsonElement Arguments(JsonElement item) => item.TryGetProperty("arguments"u8, out var arguments) ? arguments : default;

    public static string? String(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string JoinTexts(JsonElement item, ReadOnlySpan<byte> listName, ReadOnlySpan<byte> partType)
    {
        if (!item.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var texts = new List<string>();
        foreach (var part in list.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && (!part.TryGetProperty("type"u8, out var type) || type.ValueEquals(partType))
                && String(part, "text"u8) is { Length: > 0 } text)
            {
                texts.Add(text);
            }
        }

        return string.Join(Separator, texts);
    }
}
