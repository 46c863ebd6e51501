using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>Chat Completions <c>usage</c> → Anthropic usage: cached prompt tokens are reported apart, never twice.</summary>
public static class ChatUsage
{
    public static AnthropicUsage From(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return AnthropicUsage.Zero;
        }

        var prompt = Number(usage, "prompt_tokens"u8);
        var completion = Number(usage, "completion_tokens"u8);
        long cached = 0;
        long cacheWrite = 0;
        if (usage.TryGetProperty("prompt_tokens_details"u8, out var details) && details.ValueKind == JsonValueKind.Object)
        {
            cached = Number(details, "cached_tokens"u8);
            cacheWrite = Number(details, "cache_write_tokens"u8);
        }

        return From(prompt, completion, cached, cacheWrite);
    }

    /// <summary>
    /// OpenAI's counts (the prompt count includes the cached and cache-written tokens) in Anthropic's
    /// terms, where input excludes both; the Responses API counts the same way under other names.
    /// </summary>
    internal static AnthropicUsage From(long prompt, long completion, long cached, long cacheWrite) => new(
        InputTokens: Math.Max(0, prompt - cached - cacheWrite),
        OutputTokens: Math.Max(0, completion),
        CacheCreationInputTokens: Math.Max(0, cacheWrite),
        CacheReadInputTokens: Math.Max(0, cached));

    internal static long Number(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : 0;
}
