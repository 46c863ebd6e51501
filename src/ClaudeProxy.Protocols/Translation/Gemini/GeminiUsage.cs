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

        var prompt = Number(usage, "promptTokenCount"u8) + Number(usage, "toolUsePromptTokenCount"u8);
        var cached = Math.Max(0, Number(usage, "cachedContentTokenCount"u8));
        var output = Number(usage, "candidatesTokenCount"u8) + Number(usage, "thoughtsTokenCount"u8);
        return new AnthropicUsage(
            InputTokens: Math.Max(0, prompt - cached),
            OutputTokens: Math.Max(0, output),
            CacheCreationInputTokens: 0,
            CacheReadInputTokens: cached);
    }

    private static long Number(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : 0;
}
