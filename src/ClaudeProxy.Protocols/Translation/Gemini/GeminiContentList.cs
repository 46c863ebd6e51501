using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// The <c>contents</c> of a Gemini request before they are written: built turn by turn in order,
/// then tidied the way Gemini needs — empty turns dropped, same-role turns merged, and each
/// function-call turn answered by exactly as many <c>functionResponse</c> parts, in call order,
/// named after the calls (Gemini has no tool ids to match them by).
/// </summary>
internal sealed class GeminiContentList
{
    private readonly List<GeminiContent> _contents = [];

    public void Add(GeminiContent content) => _contents.Add(content);

    public List<GeminiContent> Tidy(List<string> notes)
    {
        var merged = new List<GeminiContent>(_contents.Count);
        foreach (var content in _contents.Where(c => c.Parts.Count > 0))
        {
            if (merged.Count > 0 && merged[^1].Role == content.Role)
            {
                merged[^1].Parts.AddRange(content.Parts);
            }
            else
            {
                merged.Add(content);
            }
        }

        List<GeminiFunctionCallPart> openCalls = [];
        foreach (var content in merged)
        {
            if (content.Role == GeminiRole.Model)
            {
                openCalls = [.. content.Parts.OfType<GeminiFunctionCallPart>()];
                continue;
            }

            AnswerCalls(content, openCalls, notes);
            openCalls = [];
        }

        return merged;
    }

    /// <summary>Puts one response per call first (in call order), then the images the results returned, then the turn's other parts.</summary>
    private static void AnswerCalls(GeminiContent user, List<GeminiFunctionCallPart> calls, List<string> notes)
    {
        var results = user.Parts.OfType<GeminiToolResultPart>().ToList();
        if (calls.Count == 0 && results.Count == 0)
        {
            return;
        }

        var parts = new List<GeminiPart>(user.Parts.Count + calls.Count);
        var images = new List<GeminiPart>();
        foreach (var call in calls)
        {
            var result = results.Find(r => r.Result.ToolUseId == call.ToolUseId);
            if (result is null)
            {
                notes.Add($"Tool call {call.ToolUseId} ({call.Name}) had no tool_result; answered it with an error so the call and response counts match.");
                var missing = ToolResultContent.Missing(call.ToolUseId);
                parts.Add(new GeminiFunctionResponsePart(call.Name, missing.IsError, missing.Texts));
                continue;
            }

            results.Remove(result);
            parts.Add(new GeminiFunctionResponsePart(call.Name, result.Result.IsError, result.Result.Texts));
            images.AddRange(result.Result.ImageSources.Select(GeminiMediaPart.FromImageSource));
        }

        parts.AddRange(images);
        foreach (var part in user.Parts)
        {
            if (part is not GeminiToolResultPart orphan)
            {
                parts.Add(part);
            }
            else if (results.Contains(orphan))
            {
                // No call in the turn before: Gemini cannot take it as a function response, so its text stays as context.
                notes.Add($"tool_result {orphan.Result.ToolUseId} answers no call of the turn before it; sent as text.");
                parts.Add(new GeminiTextPart(default, orphan.Result.AsContext));
                parts.AddRange(orphan.Result.ImageSources.Select(GeminiMediaPart.FromImageSource));
            }
        }

        user.Parts.Clear();
        user.Parts.AddRange(parts);
    }
}

internal enum GeminiRole
{
    User,
    Model,
}

internal sealed class GeminiContent(GeminiRole role)
{
    public GeminiRole Role { get; } = role;

    public List<GeminiPart> Parts { get; } = [];

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, Role == GeminiRole.User ? "user"u8 : "model"u8);
        writer.WriteStartArray("parts"u8);
        foreach (var part in Parts)
        {
            part.Write(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>One Gemini part: exactly one data field, and the thought signature that belongs to it, if any.</summary>
internal abstract class GeminiPart
{
    public string? ThoughtSignature { get; set; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteData(writer);
        if (ThoughtSignature is not null)
        {
            writer.WriteString("thoughtSignature"u8, ThoughtSignature);
        }

        writer.WriteEndObject();
    }

    protected abstract void WriteData(Utf8JsonWriter writer);
}

/// <summary>Text; keeps the client's JSON string element when it can, so a long text is copied as it is.</summary>
internal sealed class GeminiTextPart(JsonElement source, string? literal = null) : GeminiPart
{
    /// <summary>Claude Code's per-request billing line: it means nothing to Gemini and would defeat its prefix cache.</summary>
    public bool IsClaudeCodeBillingLine => literal is null && ClaudeCodeBillingLine.Is(source);

    protected override void WriteData(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("text"u8);
        if (literal is null)
        {
            writer.WriteRawValue(AnthropicRequestJson.RawToken(source), skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(literal);
        }
    }
}

/// <summary>An image or PDF: <c>inlineData</c> for base64 sources, <c>fileData</c> for URLs.</summary>
internal sealed class GeminiMediaPart(string? mimeType, JsonElement base64Data, string? fileUri) : GeminiPart
{
    public static GeminiMediaPart FromImageSource(JsonElement source) => FromSource(source, null);

    /// <summary>A base64 or URL source; <paramref name="defaultMimeType"/> when the source names none (a URL PDF).</summary>
    public static GeminiMediaPart FromSource(JsonElement source, string? defaultMimeType)
    {
        var mediaType = source.TryGetProperty("media_type"u8, out var media) && media.ValueKind == JsonValueKind.String ? media.GetString() : null;
        if (AnthropicRequestJson.BlockType(source) == "url" && source.TryGetProperty("url"u8, out var url) && url.ValueKind == JsonValueKind.String)
        {
            var uri = url.GetString()!;
            return new GeminiMediaPart(mediaType ?? defaultMimeType ?? MimeTypeOf(uri), default, uri);
        }

        if (!source.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.String)
        {
            throw new TranslationException("An image or document with a file source (file_id, the Files API) cannot be sent to this channel's upstream; send it as base64 data or a URL.");
        }

        return new GeminiMediaPart(mediaType ?? defaultMimeType ?? "application/octet-stream", data, null);
    }

    protected override void WriteData(Utf8JsonWriter writer)
    {
        if (fileUri is not null)
        {
            writer.WriteStartObject("fileData"u8);
            if (mimeType is not null)
            {
                writer.WriteString("mimeType"u8, mimeType);
            }

            writer.WriteString("fileUri"u8, fileUri);
            writer.WriteEndObject();
            return;
        }

        writer.WriteStartObject("inlineData"u8);
        writer.WriteString("mimeType"u8, mimeType);
        writer.WritePropertyName("data"u8);

        // Base64 is copied as the client's JSON token: a large image is never decoded into a string.
        writer.WriteRawValue(AnthropicRequestJson.RawToken(base64Data), skipInputValidation: true);
        writer.WriteEndObject();
    }

    private static string? MimeTypeOf(string uri)
    {
        var path = uri.Split('?', '#')[0];
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".pdf" => "application/pdf",
            _ => null,
        };
    }
}

/// <summary>A call the model made earlier, with the Anthropic tool-use id it was given.</summary>
internal sealed class GeminiFunctionCallPart(string toolUseId, string name, JsonElement input) : GeminiPart
{
    public string ToolUseId { get; } = toolUseId;

    public string Name { get; } = name;

    protected override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("functionCall"u8);
        writer.WriteString("name"u8, Name);
        writer.WritePropertyName("args"u8);
        if (input.ValueKind == JsonValueKind.Object)
        {
            input.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}

/// <summary>A tool's answer: <c>response.result</c>, or <c>response.error</c> when the client marked it an error.</summary>
internal sealed class GeminiFunctionResponsePart(string name, bool isError, List<TextPiece> texts) : GeminiPart
{
    protected override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("functionResponse"u8);
        writer.WriteString("name"u8, name);
        writer.WriteStartObject("response"u8);
        writer.WritePropertyName(isError ? "error"u8 : "result"u8);
        JoinedText.Write(writer, texts, "\\n"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

/// <summary>A client <c>tool_result</c> waiting to be paired with its call; never written as it is.</summary>
internal sealed class GeminiToolResultPart(ToolResultContent result) : GeminiPart
{
    public ToolResultContent Result { get; } = result;

    protected override void WriteData(Utf8JsonWriter writer) =>
        throw new InvalidOperationException("A tool result must be paired with its call before the request is written.");
}
