using System.Text.Json;

namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>Anthropic's usage numbers; <c>input_tokens</c> excludes cache reads and writes.</summary>
public readonly record struct AnthropicUsage(long InputTokens, long OutputTokens, long CacheCreationInputTokens, long CacheReadInputTokens)
{
    public static AnthropicUsage Zero => default;

    /// <summary>Writes <c>"usage": {…}</c> with all four numbers, as messages and <c>message_start</c>/<c>message_delta</c> events carry it.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, InputTokens);
        writer.WriteNumber("cache_creation_input_tokens"u8, CacheCreationInputTokens);
        writer.WriteNumber("cache_read_input_tokens"u8, CacheReadInputTokens);
        writer.WriteNumber("output_tokens"u8, OutputTokens);
        writer.WriteEndObject();
    }
}
