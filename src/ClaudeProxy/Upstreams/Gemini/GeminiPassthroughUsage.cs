using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation.Gemini;

namespace ClaudeProxy.Upstreams.Gemini;

/// <summary>The <c>usageMetadata</c> of a whole Gemini answer or one stream chunk.</summary>
internal static class GeminiPassthroughUsage
{
    public static AnthropicUsage? Read(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("usageMetadata"u8, out var usage) && usage.ValueKind == JsonValueKind.Object
                ? GeminiUsage.From(usage)
                : null;
        }
        catch (JsonException)
        {
            // The client gets the bytes as they came; only the log misses the count.
            return null;
        }
    }
}
