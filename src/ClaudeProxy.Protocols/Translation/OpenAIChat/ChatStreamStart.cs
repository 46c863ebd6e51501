using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>Whether a Chat Completions stream chunk carries the answer, for deciding when a 2xx stream has really begun.</summary>
public static class ChatStreamStart
{
    /// <summary>
    /// True for a chunk with content, reasoning, a refusal or tool calls in a choice's delta, or a finish
    /// reason; false for a role-only or usage-only chunk and for <c>[DONE]</c>. A chunk that is not JSON
    /// counts as an answer: the translator reports it.
    /// </summary>
    public static bool CarriesAnswer(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices"u8, out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (choice.TryGetProperty("finish_reason"u8, out var finish) && finish.ValueKind == JsonValueKind.String)
                {
                    return true;
                }

                if (choice.TryGetProperty("delta"u8, out var delta) && delta.ValueKind == JsonValueKind.Object
                    && (HasText(delta, "content"u8) || HasText(delta, "reasoning_content"u8) || HasText(delta, "reasoning"u8)
                        || HasText(delta, "refusal"u8) || HasItems(delta, "tool_calls"u8)))
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static bool HasText(JsonElement delta, ReadOnlySpan<byte> name) =>
        delta.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 };

    private static bool HasItems(JsonElement delta, ReadOnlySpan<byte> name) =>
        delta.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0;
}
