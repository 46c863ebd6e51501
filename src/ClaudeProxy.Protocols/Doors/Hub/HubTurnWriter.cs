using System.Runtime.InteropServices;
using System.Text.Json;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>
/// Writes the <see cref="HubTurn"/>s as Anthropic's <c>messages</c>: tool results and thinking first in
/// their turn, and the client's strings copied as they are rather than decoded and encoded again.
/// </summary>
internal static class HubTurnWriter
{
    /// <summary>The <c>messages</c> property: one message per turn, its tool results before its other blocks.</summary>
    public static void WriteMessages(Utf8JsonWriter writer, List<HubTurn> turns)
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

            foreach (var block in turn.Thinking)
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

    private static void WriteBlock(Utf8JsonWriter writer, HubBlock block)
    {
        writer.WriteStartObject();
        switch (block.Kind)
        {
            case HubBlockKind.Text:
                writer.WriteString("type"u8, "text"u8);
                WriteText(writer, block);
                break;
            case HubBlockKind.Image:
                writer.WriteString("type"u8, "image"u8);
                writer.WriteStartObject("source"u8);
                if (block.MediaType is { } mediaType)
                {
                    writer.WriteString("type"u8, "base64"u8);
                    writer.WriteString("media_type"u8, mediaType);
                    writer.WritePropertyName("data"u8);
                    WriteDataUrlPayload(writer, block.Source);
                }
                else
                {
                    writer.WriteString("type"u8, "url"u8);
                    writer.WritePropertyName("url"u8);
                    writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(block.Source), skipInputValidation: true);
                }

                writer.WriteEndObject();
                break;
            case HubBlockKind.ToolUse:
                writer.WriteString("type"u8, "tool_use"u8);
                writer.WriteString("id"u8, block.Id);
                writer.WritePropertyName("name"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(block.Source), skipInputValidation: true);
                writer.WritePropertyName("input"u8);
                writer.WriteRawValue(block.Input, skipInputValidation: true);
                break;
            case HubBlockKind.ToolResult:
                writer.WriteString("type"u8, "tool_result"u8);
                writer.WriteString("tool_use_id"u8, block.Id);
                if (block.Content is { } content)
                {
                    WriteToolResultBlocks(writer, content);
                }
                else
                {
                    WriteToolResultContent(writer, block.Source);
                }

                break;
            case HubBlockKind.Thinking:
                writer.WriteString("type"u8, "thinking"u8);
                writer.WriteString("thinking"u8, block.Literal);
                writer.WriteString("signature"u8, block.Signature);
                break;
            case HubBlockKind.RedactedThinking:
                writer.WriteString("type"u8, "redacted_thinking"u8);
                writer.WriteString("data"u8, block.Literal);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter writer, HubBlock text)
    {
        writer.WritePropertyName("text"u8);
        if (text.Literal is { } literal)
        {
            writer.WriteStringValue(literal);
        }
        else
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(text.Source), skipInputValidation: true);
        }
    }

    /// <summary>A string content as it is; text parts as text blocks; blank texts dropped, and no <c>content</c> when none is left.</summary>
    private static void WriteToolResultContent(Utf8JsonWriter writer, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            if (AnthropicRequestJson.IsNonBlankText(content))
            {
                writer.WritePropertyName("content"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(content), skipInputValidation: true);
            }

            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var texts = AnthropicRequestJson.Texts(content).Where(AnthropicRequestJson.IsNonBlankText).ToList();
        if (texts.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("content"u8);
        foreach (var text in texts)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            writer.WritePropertyName("text"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(text), skipInputValidation: true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Blocks read already (texts and images); no <c>content</c> when there are none.</summary>
    private static void WriteToolResultBlocks(Utf8JsonWriter writer, List<HubBlock> content)
    {
        if (content.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("content"u8);
        foreach (var block in content)
        {
            WriteBlock(writer, block);
        }

        writer.WriteEndArray();
    }

    /// <summary>The base64 after the comma of a <c>data:</c> URL, copied from the client's bytes when they hold no escape.</summary>
    private static void WriteDataUrlPayload(Utf8JsonWriter writer, JsonElement url)
    {
        var raw = JsonMarshal.GetRawUtf8Value(url)[1..^1];
        if (raw.Contains((byte)'\\'))
        {
            var decoded = url.GetString()!;
            writer.WriteStringValue(decoded.AsSpan(decoded.IndexOf(',', StringComparison.Ordinal) + 1));
            return;
        }

        writer.WriteStringValue(raw[(raw.IndexOf((byte)',') + 1)..]);
    }
}
