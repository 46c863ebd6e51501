using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation.OpenAIChat;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// A response's <c>usage</c> → Anthropic usage: cached input tokens are reported as cache reads and
/// not again as input, as for Chat Completions; reasoning tokens are already part of the output count.
/// </summary>
public static class ResponsesUsage
{
    public static AnthropicUsage From(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return AnthropicUsage.Zero;
        }

        long cached = 0;
        long cacheWrite = 0;
        if (usage.TryGetProperty("input_tokens_details"u8, out var details) && details.ValueKind == JsonValueKind.Object)
        {
            cached = ChatUsage.Number(details, "cached_tokens"u8);
            cacheWrite = ChatUsage.Number(details, "cache_write_tokens"u8);
        }

        return ChatUsage.From(ChatUsage.Number(usage, "input_tokens"u8), ChatUsage.Number(usage, "output_tokens"u8), cached, cacheWrite);
    }
}
