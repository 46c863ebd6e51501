using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Writes a non-streaming Anthropic message in the shape the SDKs parse: <c>id</c>, <c>type</c>,
/// <c>role</c>, <c>model</c>, <c>content</c>, then the stop reason and all four usage numbers. The
/// translator writes only the content blocks.
/// </summary>
public static class AnthropicMessageJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The message's UTF-8 JSON: <paramref name="writeContent"/> writes the blocks into the open
    /// <c>content</c> array and returns the stop reason and usage that close the message.
    /// </summary>
    public static byte[] Write(string messageId, string model, int sizeHint, Func<Utf8JsonWriter, (string StopReason, AnthropicUsage Usage)> writeContent)
    {
        ArgumentNullException.ThrowIfNull(writeContent);
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, messageId);
            writer.WriteString("type"u8, "message"u8);
            writer.WriteString("role"u8, "assistant"u8);
            writer.WriteString("model"u8, model);
            writer.WriteStartArray("content"u8);
            var (stopReason, usage) = writeContent(writer);
            writer.WriteEndArray();
            writer.WriteString("stop_reason"u8, stopReason);
            writer.WriteNull("stop_sequence"u8);
            usage.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
