using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// Gemini <c>usageMetadata</c> → Anthropic usage: cached prompt tokens are
/// reported as cache reads and not again as input; thoughts count as output, as Anthropic bills them.
/// </summary>
public static class GeminiUsage
{
    public static AnthropicUsage From(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return AnthropicUsage.Zero;
        }

        return From(
            Number(usage, "promptTokenCount"u8),
            Number(usage, "toolUsePromptTokenCount"u8),
            Number(usage, "cachedContentTokenCount"u8),
            Number(usage, "candidatesTokenCount"u8),
            Number(usage, "thoughtsTokenCount"u8));
    }

    /// <summary>
    /// The same from the <c>usageMetadata</c> object <paramref name="reader"/> is at the start of (left on
    /// its end), for a stream that reads chunks without a document. A count given twice counts as its
    /// last, as in a document; one that is not an integer counts 0.
    /// </summary>
    internal static AnthropicUsage From(ref Utf8JsonReader reader)
    {
        long prompt = 0, toolUsePrompt = 0, cachedContent = 0, candidates = 0, thoughts = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref var count = ref prompt;
            if (reader.ValueTextEquals("toolUsePromptTokenCount"u8))
            {
                count = ref toolUsePrompt;
            }
            else if (reader.ValueTextEquals("cachedContentTokenCount"u8))
            {
                count = ref cachedContent;
            }
            else if (reader.ValueTextEquals("candidatesTokenCount"u8))
            {
                count = ref candidates;
            }
            else if (reader.ValueTextEquals("thoughtsTokenCount"u8))
            {
                count = ref thoughts;
            }
            else if (!reader.ValueTextEquals("promptTokenCount"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            count = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) ? number : 0;
            reader.Skip();
        }

        return From(prompt, toolUsePrompt, cachedContent, candidates, thoughts);
    }

    private static AnthropicUsage From(long prompt, long toolUsePrompt, long cachedContent, long candidates, long thoughts)
    {
        var input = prompt + toolUsePrompt;
        var cached = Math.Max(0, cachedContent);
        var output = candidates + thoughts;
        return new AnthropicUsage(
            InputTokens: Math.Max(0, input - cached),
            OutputTokens: Math.Max(0, output),
            CacheCreationInputTokens: 0,
            CacheReadInputTokens: cached);
    }

    private static long Number(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : 0;
}
