using System.Runtime.InteropServices;
using System.Text.Json;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// Writes the <see cref="GeminiDoorTurn"/>s as Anthropic's <c>messages</c>: tool results first in their
/// turn, and the client's strings and objects copied as they are rather than decoded and encoded again.
/// </summary>
internal static class GeminiDoorTurnWriter
{
    public static void WriteMessages(Utf8JsonWriter writer, List<GeminiDoorTurn> turns)
    {
        writer.WriteStartArray("messages"u8);
        foreach (var turn in turns)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, turn.IsUser ? "user"u8 : "assistant"u8);
            writer.WriteStartArray("content"u8);
            foreach (var block in turn.ToolResults)
            {
                WriteBlock(writer, block);
            }

            foreach (var block in turn.Blocks)
            {
                WriteBlock(writer, block);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteBlock(Utf8JsonWriter writer, GeminiDoorBlock block)
    {
        writer.WriteStartObject();
        switch (block.Kind)
        {
            case GeminiDoorBlockKind.Text:
                writer.WriteString("type"u8, "text"u8);
                writer.WritePropertyName("text"u8);
                if (block.Literal is { } literal)
                {
                    writer.WriteStringValue(literal);
                }
                else
                {
                    Raw(writer, block.Source);
                }

                break;
            case GeminiDoorBlockKind.Image or GeminiDoorBlockKind.Document:
                writer.WriteString("type"u8, block.Kind == GeminiDoorBlockKind.Image ? "image"u8 : "document"u8);
                writer.WriteStartObject("source"u8);
                writer.WriteString("type"u8, "base64"u8);
                writer.WriteString("media_type"u8, block.MediaType);
                writer.WritePropertyName("data"u8);
                WriteBase64(writer, block.Source);
                writer.WriteEndObject();
                break;
            case GeminiDoorBlockKind.Thinking when block.Thinking!.Value.RedactedData is { } data:
                writer.WriteString("type"u8, "redacted_thinking"u8);
                writer.WriteString("data"u8, data);
                break;
            case GeminiDoorBlockKind.Thinking:
                writer.WriteString("type"u8, "thinking"u8);
                writer.WriteString("thinking"u8, block.Thinking!.Value.Thinking);
                writer.WriteString("signature"u8, block.Thinking!.Value.Signature);
                break;
            case GeminiDoorBlockKind.ToolUse:
                writer.WriteString("type"u8, "tool_use"u8);
                writer.WriteString("id"u8, block.Id);
                writer.WritePropertyName("name"u8);
                Raw(writer, block.Source);
                writer.WritePropertyName("input"u8);
                if (block.Input.ValueKind == JsonValueKind.Object)
                {
                    Raw(writer, block.Input);
                }
                else
                {
                    writer.WriteRawValue("{}"u8, skipInputValidation: true);
                }

                break;
            case GeminiDoorBlockKind.ToolResult:
                writer.WriteString("type"u8, "tool_result"u8);
                writer.WriteString("tool_use_id"u8, block.Id);
                WriteToolResultContent(writer, block);
                if (block.IsError)
                {
                    writer.WriteBoolean("is_error"u8, true);
                }

                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A string content as it is (blank: none); an object as its JSON text; the function's images after
    /// the text, in a content array.
    /// </summary>
    private static void WriteToolResultContent(Utf8JsonWriter writer, GeminiDoorBlock result)
    {
        var hasText = result.ContentIsJson || AnthropicRequestJson.IsNonBlankText(result.Source);
        if (result.Images is not { Count: > 0 } images)
        {
            if (hasText)
            {
                writer.WritePropertyName("content"u8);
                WriteResultText(writer, result);
            }

            return;
        }

        writer.WriteStartArray("content"u8);
        if (hasText)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            writer.WritePropertyName("text"u8);
            WriteResultText(writer, result);
            writer.WriteEndObject();
        }

        foreach (var image in images)
        {
            WriteBlock(writer, image);
        }

        writer.WriteEndArray();
    }

    private static void WriteResultText(Utf8JsonWriter writer, GeminiDoorBlock result)
    {
        if (result.ContentIsJson)
        {
            // The object's own bytes as the text: escaped once into a string, never re-serialised.
            writer.WriteStringValue(JsonMarshal.GetRawUtf8Value(result.Source));
        }
        else
        {
            Raw(writer, result.Source);
        }
    }

    /// <summary>
    /// Base64 as the client's token; Google also takes the URL-safe alphabet, which Anthropic does not,
    /// so such data is rewritten in the standard one.
    /// </summary>
    private static void WriteBase64(Utf8JsonWriter writer, JsonElement data)
    {
        var raw = JsonMarshal.GetRawUtf8Value(data);
        if (raw.IndexOfAny("-_"u8) < 0)
        {
            Raw(writer, data);
            return;
        }

        var text = data.GetString()!.Replace('-', '+').Replace('_', '/');
        writer.WriteStringValue(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
    }

    private static void Raw(Utf8JsonWriter writer, JsonElement element) =>
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
}
