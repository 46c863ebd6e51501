using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// The sources a <c>document</c> block can have: a file (base64 PDF or URL) that an upstream takes
/// as a file, text (<c>text</c> data, or <c>content</c> as a string or text blocks) that it takes as
/// text, or something it cannot take, which becomes a placeholder.
/// </summary>
public static class AnthropicDocument
{
    /// <summary>The document's <c>source</c> object and its <c>type</c>; false when it has none.</summary>
    public static bool TryGetSource(JsonElement block, out JsonElement source, out string? sourceType)
    {
        sourceType = null;
        if (!block.TryGetProperty("source"u8, out source) || source.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        sourceType = AnthropicRequestJson.BlockType(source);
        return true;
    }

    /// <summary>True for the sources that are files: base64 data or a URL.</summary>
    public static bool IsFile(string? sourceType) => sourceType is "base64" or "url";

    /// <summary>The JSON strings holding a text or content source's text, in order; none for other sources.</summary>
    public static IEnumerable<JsonElement> Texts(JsonElement source)
    {
        var type = AnthropicRequestJson.BlockType(source);
        if (type == "text" && source.TryGetProperty("data"u8, out var data) && data.ValueKind == JsonValueKind.String)
        {
            yield return data;
        }
        else if (type == "content" && source.TryGetProperty("content"u8, out var content))
        {
            foreach (var text in AnthropicRequestJson.Texts(content))
            {
                yield return text;
            }
        }
    }

    /// <summary>The name a base64 PDF is sent under: its title (or <c>document</c>) with <c>.pdf</c>.</summary>
    public static string PdfFileName(JsonElement block)
    {
        var title = block.TryGetProperty("title"u8, out var titleElement) && titleElement.ValueKind == JsonValueKind.String ? titleElement.GetString() : null;
        return (title ?? "document") + ".pdf";
    }

    /// <summary><c>[document: title]</c> (or its URL) for a document an upstream cannot take as it is.</summary>
    public static string Placeholder(JsonElement block)
    {
        var title = block.TryGetProperty("title"u8, out var titleElement) && titleElement.ValueKind == JsonValueKind.String ? titleElement.GetString() : null;
        var url = TryGetSource(block, out var source, out _) && source.TryGetProperty("url"u8, out var urlElement) && urlElement.ValueKind == JsonValueKind.String
            ? urlElement.GetString()
            : null;
        return $"[document: {title ?? url ?? "untitled"}]";
    }
}
