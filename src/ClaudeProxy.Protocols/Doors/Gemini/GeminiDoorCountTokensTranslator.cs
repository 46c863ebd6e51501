using System.Buffers;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>An Anthropic <c>count_tokens</c> answer (<c>{"input_tokens":N}</c>) as Gemini's <c>countTokens</c> answer, <c>{"totalTokens":N}</c>.</summary>
public static class GeminiDoorCountTokensTranslator
{
    /// <summary>The answer's UTF-8 JSON; throws <see cref="JsonException"/> when the input is not an object with an integer <c>input_tokens</c>.</summary>
    public static byte[] Translate(ReadOnlySpan<byte> anthropicCountTokensAnswer)
    {
        var reader = new Utf8JsonReader(anthropicCountTokensAnswer);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("input_tokens"u8, out var tokens)
            || tokens.ValueKind != JsonValueKind.Number || !tokens.TryGetInt64(out var count))
        {
            throw new JsonException("The count_tokens answer has no integer input_tokens.");
        }

        var buffer = new ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("totalTokens"u8, count);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
