using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// Removes from a conversation's history the thinking blocks Anthropic would reject: those with an
/// empty signature or a gateway envelope (<c>gw1.…</c>), i.e. reasoning that came from an OpenAI or
/// Gemini channel before the conversation moved to Anthropic. Genuine signed blocks stay byte-exact
/// in meaning; nothing else changes. Bodies with no such block are not touched at all.
/// </summary>
public static class ForeignThinkingFilter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool TryStrip(ReadOnlySpan<byte> body, out byte[] stripped)
    {
        stripped = [];
        // Cheap pre-check: most requests carry no thinking block (the top-level "thinking" setting is not one).
        if (!ContainsThinkingBlock(body))
        {
            return false;
        }

        var buffer = new ArrayBufferWriter<byte>(body.Length);
        try
        {
            if (!HasForeignThinking(body))
            {
                return false;
            }

            var root = JsonNode.Parse(body)!.AsObject();
            RemoveForeignThinking(root);
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            root.WriteTo(writer);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // A key given twice (a JsonObject cannot hold it) or a string that is no Unicode text (a lone
            // surrogate escape): forward the body untouched and let Anthropic judge it.
            return false;
        }

        stripped = buffer.WrittenSpan.ToArray();
        return true;
    }

    private static void RemoveForeignThinking(JsonObject root)
    {
        foreach (var message in root["messages"]!.AsArray())
        {
            if (message is JsonObject turn && turn["content"] is JsonArray content)
            {
                for (var i = content.Count - 1; i >= 0; i--)
                {
                    if (content[i] is JsonObject block && IsForeignThinking(block))
                    {
                        content.RemoveAt(i);
                    }
                }
            }
        }
    }

    /// <summary>True when <c>"type"</c> is set to <c>"thinking"</c> somewhere, whatever the spacing around the colon.</summary>
    private static bool ContainsThinkingBlock(ReadOnlySpan<byte> body)
    {
        var rest = body;
        int found;
        while ((found = rest.IndexOf("\"thinking\""u8)) >= 0)
        {
            var before = rest[..found].TrimEnd(" \t\r\n"u8);
            if (before.EndsWith(":"u8) && before[..^1].TrimEnd(" \t\r\n"u8).EndsWith("\"type\""u8))
            {
                return true;
            }

            rest = rest[(found + 10)..];
        }

        return false;
    }

    private static bool HasForeignThinking(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        if (!document.RootElement.TryGetProperty("messages"u8, out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content"u8, out var content) && content.ValueKind == JsonValueKind.Array)
            {
                foreach (var block in content.EnumerateArray())
                {
                    if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type"u8, out var type)
                        && type.ValueKind == JsonValueKind.String && type.ValueEquals("thinking"u8)
                        && (!block.TryGetProperty("signature"u8, out var signature) || IsForeignSignature(signature.ValueKind == JsonValueKind.String ? signature.GetString() : null)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsForeignThinking(JsonObject block) =>
        block["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "thinking" && IsForeignSignature(block["signature"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null);

    private static bool IsForeignSignature(string? signature) => string.IsNullOrEmpty(signature) || signature.StartsWith("gw1.", StringComparison.Ordinal);
}
