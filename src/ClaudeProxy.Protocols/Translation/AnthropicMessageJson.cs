using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Writes the frame of a non-streaming Anthropic message around its content blocks, in the shape
/// the SDKs parse: <c>id</c>, <c>type</c>, <c>role</c>, <c>model</c>, <c>content</c>, then the stop
/// reason and all four usage numbers.
/// </summary>
public static class AnthropicMessageJson
{
    /// <summary>Opens the message object and its <c>content</c> array.</summary>
    public static void WriteStart(Utf8JsonWriter writer, string messageId, string model)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("id"u8, messageId);
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("model"u8, model);
        writer.WriteStartArray("content"u8);
    }

    /// <summary>Closes <c>content</c>, writes the stop reason and usage, and closes the message.</summary>
    public static void WriteEnd(Utf8JsonWriter writer, string stopReason, AnthropicUsage usage)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteEndArray();
        writer.WriteString("stop_reason"u8, stopReason);
        writer.WriteNull("stop_sequence"u8);
        WriteUsage(writer, usage);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"usage": {…}</c> with all four numbers, as messages and <c>message_start</c>/<c>message_delta</c> events carry it.</summary>
    public static void WriteUsage(Utf8JsonWriter writer, AnthropicUsage usage)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, usage.InputTokens);
        writer.WriteNumber("cache_creation_input_tokens"u8, usage.CacheCreationInputTokens);
        writer.WriteNumber("cache_read_input_tokens"u8, usage.CacheReadInputTokens);
        writer.WriteNumber("output_tokens"u8, usage.OutputTokens);
        writer.WriteEndObject();
    }
}
