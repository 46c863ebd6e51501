using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>
/// Translates a non-streaming Chat Completions response into an Anthropic message: thinking from
/// reasoning fields, then text, then tool uses (inputs parsed, ids made Anthropic-safe, names
/// restored), with the stop reason and usage mapped. Never invents an empty text block.
/// </summary>
public static class ChatResponseMapper
{
    public static byte[] Map(ReadOnlyMemory<byte> chatCompletion, ChatResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var document = JsonDocument.Parse(chatCompletion);
        var root = document.RootElement;
        var message = default(JsonElement);
        string? finishReason = null;
        if (root.TryGetProperty("choices"u8, out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            choice.TryGetProperty("message"u8, out message);
            if (choice.TryGetProperty("finish_reason"u8, out var finish) && finish.ValueKind == JsonValueKind.String)
            {
                finishReason = finish.GetString();
            }
        }

        return AnthropicMessageJson.Write(context.MessageId, context.RequestedModel, chatCompletion.Length + 256, writer =>
        {
            var (sawToolUse, refused) = message.ValueKind == JsonValueKind.Object ? WriteContent(writer, message, context) : (false, false);
            var stopReason = refused ? "refusal" : ChatFinishReason.ToStopReason(finishReason, sawToolUse);
            var usage = root.TryGetProperty("usage"u8, out var usageElement) ? ChatUsage.From(usageElement) : AnthropicUsage.Zero;
            if (usageElement.ValueKind != JsonValueKind.Object)
            {
                context.Notes.Add("The upstream reported no usage; token counts are 0.");
            }

            return (stopReason, usage);
        });
    }

    private static (bool SawToolUse, bool Refused) WriteContent(Utf8JsonWriter writer, JsonElement message, ChatResponseContext context)
    {
        var reasoning = ReasoningText(message);
        if (!string.IsNullOrEmpty(reasoning))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "thinking"u8);
            writer.WriteString("thinking"u8, reasoning);
            writer.WriteString("signature"u8, ""u8);
            writer.WriteEndObject();
        }

        if (message.TryGetProperty("content"u8, out var content) && content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } text)
        {
            WriteText(writer, text);
        }

        var refused = false;
        if (message.TryGetProperty("refusal"u8, out var refusal) && refusal.ValueKind == JsonValueKind.String && refusal.GetString() is { Length: > 0 } refusalText)
        {
            WriteText(writer, refusalText);
            refused = true;
        }

        var sawToolUse = false;
        if (message.TryGetProperty("tool_calls"u8, out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in toolCalls.EnumerateArray())
            {
                if (!call.TryGetProperty("function"u8, out var function) || function.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var name = function.TryGetProperty("name"u8, out var nameElement) ? nameElement.GetString() : null;
                if (string.IsNullOrEmpty(name))
                {
                    context.Notes.Add("Dropped a tool call without a function name.");
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("type"u8, "tool_use"u8);
                writer.WriteString("id"u8, ToolUseIds.Sanitize(call.TryGetProperty("id"u8, out var id) ? id.GetString() : null));
                writer.WriteString("name"u8, context.ToolNames.ToOriginal(name));
                writer.WritePropertyName("input"u8);
                ToolCallArguments.Write(writer, function.TryGetProperty("arguments"u8, out var arguments) ? arguments : default, name, context.Notes);
                writer.WriteEndObject();
                sawToolUse = true;
            }
        }

        return (sawToolUse, refused);
    }

    private static string? ReasoningText(JsonElement message)
    {
        foreach (var field in new[] { "reasoning_content", "reasoning" })
        {
            if (message.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }

    private static void WriteText(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "text"u8);
        writer.WriteString("text"u8, text);
        writer.WriteEndObject();
    }
}
