using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// A <c>tool_result</c> block flattened for upstreams that take a tool's answer as text:
/// a string stays as it is, text blocks are joined with a line break in order,
/// documents become their text or a placeholder, and images are handed back apart, since most
/// upstreams want them outside the tool's answer. Texts stay the client's JSON strings, copied as they are when written.
/// </summary>
internal sealed record ToolResultContent(string ToolUseId, bool IsError, List<TextPiece> Texts, IReadOnlyList<JsonElement> ImageSources)
{
    /// <summary>Reads a <c>tool_result</c> block; throws <see cref="TranslationException"/> when it has no <c>tool_use_id</c>.</summary>
    public static ToolResultContent Read(JsonElement block)
    {
        var id = block.TryGetProperty("tool_use_id"u8, out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()!
            : throw new TranslationException("tool_result.tool_use_id: Field required.");
        var isError = block.TryGetProperty("is_error"u8, out var error) && error.ValueKind == JsonValueKind.True;
        var texts = new List<TextPiece>();
        var images = new List<JsonElement>();
        if (block.TryGetProperty("content"u8, out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                texts.Add(TextPiece.Of(content));
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    AddPart(part, texts, images);
                }
            }
        }

        return new ToolResultContent(id, isError, texts, images);
    }

    /// <summary>The texts joined with line breaks, decoded: for the rare answer that is sent as plain context.</summary>
    public string Text => string.Join("\n", Texts.Select(piece => piece.Value));

    /// <summary>
    /// The answer as plain context, headed by its id: for a result that answers no call the turn before
    /// it, which an upstream would reject as a tool's answer but whose text the model should still see.
    /// </summary>
    public string AsContext => $"[tool result {ToolUseId}]\n{Text}";

    /// <summary>
    /// An error answer for a call the client sent no result for: upstreams that pair calls with answers
    /// reject a call left unanswered before the conversation goes on.
    /// </summary>
    public static ToolResultContent Missing(string toolUseId) =>
        new(toolUseId, IsError: true, [TextPiece.Of("No result was provided for this call.")], []);

    private static void AddPart(JsonElement part, List<TextPiece> texts, List<JsonElement> images)
    {
        switch (AnthropicRequestJson.BlockType(part))
        {
            case "text" when part.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String:
                texts.Add(TextPiece.Of(text));
                break;
            case "image" when part.TryGetProperty("source"u8, out var source) && source.ValueKind == JsonValueKind.Object:
                images.Add(source);
                break;
            case "document":
                var before = texts.Count;
                if (AnthropicDocument.TryGetSource(part, out var documentSource, out _))
                {
                    texts.AddRange(AnthropicDocument.Texts(documentSource).Select(TextPiece.Of));
                }

                if (texts.Count == before)
                {
                    texts.Add(TextPiece.Of(AnthropicDocument.Placeholder(part)));
                }

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
