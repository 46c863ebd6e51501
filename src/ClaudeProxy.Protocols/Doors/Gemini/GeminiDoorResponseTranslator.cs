using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// Translates a non-streaming Anthropic message into a Gemini <c>GenerateContentResponse</c>: one
/// candidate whose parts are, in order, each text (<c>{"text"}</c>), each thinking text
/// (<c>{"text","thought":true}</c>, only when the client asked for thoughts) and each <c>tool_use</c>
/// (<c>{"functionCall":{"id","name","args"}}</c>). The signatures of the thinking blocks ride, packed
/// (<see cref="GeminiDoorThoughtSignature"/>), as the <c>thoughtSignature</c> of the next text or function
/// call part, or of an empty thought part at the end when none follows. The finish reason follows the
/// stop reason (<see cref="GeminiDoorShape.FinishReason"/>); <c>modelVersion</c> is the model the client
/// asked for; <c>responseId</c> the message id. Server tool blocks have no Gemini form and are left out.
/// </summary>
public static class GeminiDoorResponseTranslator
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The response's UTF-8 JSON; throws <see cref="JsonException"/> when <paramref name="anthropicMessage"/> is not a JSON object.</summary>
    /// <param name="anthropicMessage">The Anthropic Messages answer.</param>
    /// <param name="model">The model the client asked for, written as <c>modelVersion</c>.</param>
    /// <param name="includeThoughts">The request's <see cref="GeminiDoorRequest.IncludeThoughts"/>: write the thinking text as thought parts.</param>
    public static byte[] Translate(ReadOnlySpan<byte> anthropicMessage, string model, bool includeThoughts = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bytes = anthropicMessage.ToArray();
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The Messages response is not a JSON object.");
        }

        AnthropicUsageReader.TryReadMessage(bytes, out var usage);
        var buffer = new ArrayBufferWriter<byte>(bytes.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            GeminiDoorShape.BeginResponse(writer);
            WriteParts(writer, root, includeThoughts);
            GeminiDoorShape.EndResponse(writer, GeminiDoorShape.FinishReason(StringOf(root, "stop_reason"u8)), usage, model, GeminiDoorShape.ResponseId(StringOf(root, "id"u8)));
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteParts(Utf8JsonWriter writer, JsonElement root, bool includeThoughts)
    {
        if (!root.TryGetProperty("content"u8, out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var pending = new GeminiDoorPendingThinking();
        foreach (var block in content.EnumerateArray())
        {
            switch (AnthropicRequestJson.BlockType(block))
            {
                case "text" when block.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String && !text.ValueEquals(""u8):
                    GeminiDoorShape.WriteTextPart(writer, text, pending.Take());
                    break;
                case "thinking" when block.TryGetProperty("thinking"u8, out var thinking) && thinking.ValueKind == JsonValueKind.String:
                    if (includeThoughts && !thinking.ValueEquals(""u8))
                    {
                        GeminiDoorShape.WriteThoughtPart(writer, thinking);
                    }

                    pending.AddSigned(thinking.GetString()!, StringOf(block, "signature"u8));
                    break;
                case "redacted_thinking" when StringOf(block, "data"u8) is { } data:
                    pending.AddRedacted(data);
                    break;
                case "tool_use":
                    block.TryGetProperty("input"u8, out var input);
                    GeminiDoorShape.WriteFunctionCallPart(writer, StringOf(block, "id"u8) ?? ToolUseIds.NewId(), StringOf(block, "name"u8) ?? "", input, pending.Take());
                    break;
            }
        }

        if (pending.Take() is { } left)
        {
            GeminiDoorShape.WriteSignaturePart(writer, left);
        }
    }

    private static string? StringOf(JsonElement owner, ReadOnlySpan<byte> name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
