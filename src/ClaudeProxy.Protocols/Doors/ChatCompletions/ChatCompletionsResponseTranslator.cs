using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// Translates a non-streaming Anthropic message into a <c>chat.completion</c>: one choice whose
/// <c>content</c> is all text blocks joined (null when there are none), whose <c>tool_calls</c> carry
/// each <c>tool_use</c> (its input as the JSON text of <c>arguments</c>), and whose
/// <c>reasoning_content</c> is the thinking text, when there is any. Redacted thinking and server tool
/// blocks have no Chat Completions form and are left out.
/// </summary>
public static class ChatCompletionsResponseTranslator
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The completion's UTF-8 JSON; throws <see cref="JsonException"/> when <paramref name="messagesResponse"/> is not a JSON object.</summary>
    public static byte[] Translate(ReadOnlySpan<byte> messagesResponse, long createdUnixSeconds)
    {
        var bytes = messagesResponse.ToArray();
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The Messages response is not a JSON object.");
        }

        var texts = new List<TextPiece>();
        var thinking = new List<TextPiece>();
        var toolUses = new List<JsonElement>();
        if (root.TryGetProperty("content"u8, out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                switch (AnthropicRequestJson.BlockType(block))
                {
                    case "text" when block.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String:
                        texts.Add(TextPiece.Of(text));
                        break;
                    case "thinking" when block.TryGetProperty("thinking"u8, out var thought) && thought.ValueKind == JsonValueKind.String:
                        thinking.Add(TextPiece.Of(thought));
                        break;
                    case "tool_use":
                        toolUses.Add(block);
                        break;
                }
            }
        }

        AnthropicUsageReader.TryReadMessage(bytes, out var usage);
        var buffer = new ArrayBufferWriter<byte>(bytes.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, ChatCompletionsShape.CompletionId(StringOf(root, "id"u8)));
            writer.WriteString("object"u8, "chat.completion"u8);
            writer.WriteNumber("created"u8, createdUnixSeconds);
            writer.WriteString("model"u8, StringOf(root, "model"u8) ?? "");
            writer.WriteStartArray("choices"u8);
            writer.WriteStartObject();
            writer.WriteNumber("index"u8, 0);
            writer.WriteStartObject("message"u8);
            writer.WriteString("role"u8, "assistant"u8);
            writer.WritePropertyName("content"u8);
            if (texts.Count == 0)
            {
                writer.WriteNullValue();
            }
            else
            {
                JoinedText.Write(writer, texts, ""u8);
            }

            writer.WriteNull("refusal"u8);
            if (thinking.Count > 0)
            {
                writer.WritePropertyName("reasoning_content"u8);
                JoinedText.Write(writer, thinking, ""u8);
            }

            if (toolUses.Count > 0)
            {
                WriteToolCalls(writer, toolUses);
            }

            writer.WriteEndObject();
            writer.WriteNull("logprobs"u8);
            writer.WriteString("finish_reason"u8, ChatCompletionsShape.FinishReason(StringOf(root, "stop_reason"u8)));
            writer.WriteEndObject();
            writer.WriteEndArray();
            ChatCompletionsShape.WriteUsage(writer, usage);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, List<JsonElement> toolUses)
    {
        writer.WriteStartArray("tool_calls"u8);
        foreach (var toolUse in toolUses)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, StringOf(toolUse, "id"u8) ?? ToolUseIds.NewId());
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, StringOf(toolUse, "name"u8) ?? "");

            // arguments is a string holding the input's JSON text, exactly as the model wrote it.
            if (toolUse.TryGetProperty("input"u8, out var input) && input.ValueKind == JsonValueKind.Object)
            {
                writer.WriteString("arguments"u8, JsonMarshal.GetRawUtf8Value(input));
            }
            else
            {
                writer.WriteString("arguments"u8, "{}"u8);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string? StringOf(JsonElement owner, ReadOnlySpan<byte> name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
