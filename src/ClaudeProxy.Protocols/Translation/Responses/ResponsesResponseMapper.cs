using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// Translates a non-streaming OpenAI Responses response into an Anthropic message, output item by
/// output item: reasoning into thinking (its encrypted content kept in the signature, so the next
/// turn can hand it back), message text and refusals into text, function calls into tool uses (ids
/// from <c>call_id</c>, names restored, inputs parsed); items the gateway never asks for are left
/// out. Never invents an empty text block.
/// </summary>
public static class ResponsesResponseMapper
{
    /// <summary>Throws <see cref="JsonException"/> when the body is not a response, or is a failed one.</summary>
    public static byte[] Map(ReadOnlyMemory<byte> response, ResponsesResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var document = JsonDocument.Parse(response);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The body is not a JSON object.");
        }

        if (ResponsesOutputItem.String(root, "status"u8) == "failed"
            || (root.TryGetProperty("error"u8, out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String))
        {
            // Whatever output a failed response holds is not an answer: the attempt fails over.
            throw new JsonException($"The body is an error: {ResponsesErrorTranslator.FromStreamPayload(root).Message}");
        }

        return AnthropicMessageJson.Write(context.MessageId, context.RequestedModel, response.Length + 256, writer =>
        {
            var content = new ContentWriter(writer, context);
            if (root.TryGetProperty("output"u8, out var output) && output.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in output.EnumerateArray())
                {
                    content.Write(item);
                }
            }

            var incompleteReason = ResponsesStopReason.IncompleteReason(root, incomplete: false);
            var stopReason = ResponsesStopReason.From(incompleteReason, content.WroteToolUse, content.RefusalOnly, context.Notes);
            if (!root.TryGetProperty("usage"u8, out var usage) || usage.ValueKind != JsonValueKind.Object)
            {
                context.Notes.Add("The upstream reported no usage; token counts are 0.");
            }

            return (stopReason, ResponsesUsage.From(usage));
        });
    }

    /// <summary>Writes the blocks of one output item after another into the message's content.</summary>
    private sealed class ContentWriter(Utf8JsonWriter writer, ResponsesResponseContext context)
    {
        private readonly HashSet<string> _skippedKinds = new(StringComparer.Ordinal);
        private bool _wroteText;
        private bool _wroteRefusal;
        private bool _notedUnsigned;

        public bool WroteToolUse { get; private set; }

        public bool RefusalOnly => _wroteRefusal && !_wroteText;

        public void Write(JsonElement item)
        {
            switch (ResponsesOutputItem.Type(item))
            {
                case "reasoning":
                    WriteReasoning(item);
                    break;
                case "message":
                    foreach (var (text, isRefusal) in ResponsesOutputItem.MessageParts(item, context.Notes))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("type"u8, "text"u8);
                        writer.WriteString("text"u8, text);
                        writer.WriteEndObject();
                        _wroteText |= !isRefusal;
                        _wroteRefusal |= isRefusal;
                    }

                    break;
                case "function_call":
                    WriteFunctionCall(item);
                    break;
                case var kind:
                    ResponsesNotes.SkippedItem(context.Notes, _skippedKinds, kind);
                    break;
            }
        }

        private void WriteReasoning(JsonElement item)
        {
            var thinking = ResponsesOutputItem.ReasoningText(item);
            var encrypted = ResponsesOutputItem.EncryptedContent(item);
            if (thinking.Length == 0 && encrypted is null)
            {
                return;
            }

            if (encrypted is null && !_notedUnsigned)
            {
                _notedUnsigned = true;
                context.Notes.Add(ResponsesNotes.Unsigned);
            }

            writer.WriteStartObject();
            writer.WriteString("type"u8, "thinking"u8);
            writer.WriteString("thinking"u8, thinking);
            writer.WriteString("signature"u8, encrypted is null ? "" : ResponsesReasoningEnvelope.Wrap(ResponsesOutputItem.String(item, "id"u8), encrypted));
            writer.WriteEndObject();
        }

        private void WriteFunctionCall(JsonElement item)
        {
            if (ResponsesOutputItem.Name(item) is not { } name)
            {
                context.Notes.Add("Dropped a function call without a name.");
                return;
            }

            writer.WriteStartObject();
            writer.WriteString("type"u8, "tool_use"u8);
            writer.WriteString("id"u8, ResponsesOutputItem.ToolUseId(item));
            writer.WriteString("name"u8, context.ToolNames.ToOriginal(name));
            writer.WritePropertyName("input"u8);
            ToolCallArguments.Write(writer, ResponsesOutputItem.Arguments(item), name, context.Notes);
            writer.WriteEndObject();
            WroteToolUse = true;
        }
    }
}
