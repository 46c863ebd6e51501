using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// A <c>tool_result</c> block flattened for upstreams that take a tool's answer as text:
/// a string stays as it is, text blocks are joined with a line break in order,
/// documents become their text or a placeholder, and images are handed back apart, since most
/// upstreams want them outside the tool's answer.
/// </summary>
public sealed record ToolResultContent(string ToolUseId, bool IsError, string Text, IReadOnlyList<JsonElement> ImageSources)
{
    /// <summary>Reads a <c>tool_result</c> block; throws <see cref="TranslationException"/> when it has no <c>tool_use_id</c>.</summary>
    public static ToolResultContent Read(JsonElement block)
    {
        var id = block.TryGetProperty("tool_use_id"u8, out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()!
            : throw new TranslationException("tool_result.tool_use_id: Field required.");
        var isError = block.TryGetProperty("is_error"u8, out var error) && error.ValueKind == JsonValueKind.True;
        var texts = new List<string>();
        var images = new List<JsonElement>();
        if (block.TryGetProperty("content"u8, out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                texts.Add(content.GetString()!);
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    AddPart(part, texts, images);
                }
            }
        }

        return new ToolResultContent(id, isError, string.Join("\n", texts), images);
    }

    private static void AddPart(JsonElement part, List<string> texts, List<JsonElement> images)
    {
        switch (AnthropicRequestJson.BlockType(part))
        {
            case "text" when part.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String:
                texts.Add(text.GetString()!);
                break;
            case "image" when part.TryGetProperty("source"u8, out var source) && source.ValueKind == JsonValueKind.Object:
                images.Add(source);
                break;
            case "document":
                var documentTexts = AnthropicDocument.TryGetSource(part, out var documentSource, out _)
                    ? AnthropicDocument.Texts(documentSource).Select(t => t.GetString()!).ToList()
                    : [];
                texts.Add(documentTexts.Count > 0 ? string.Join("\n", documentTexts) : AnthropicDocument.Placeholder(part));
                break;
            case "search_result" when part.TryGetProperty("content"u8, out var inner) && inner.ValueKind == JsonValueKind.Array:
                foreach (var item in inner.EnumerateArray())
                {
                    AddPart(item, texts, images);
                }

                break;
        }
    }
}
