using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>
/// The <c>event: error</c> frame that ends a stream which failed after it started; the SDKs raise it
/// as an API error instead of treating the answer as complete.
/// </summary>
public static class AnthropicSseErrorEvent
{
    // Messages are read by people: keep quotes and non-ASCII text as they are (still valid JSON).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToUtf8Bytes(string errorType, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(96 + message.Length);
        buffer.Write("event: error\ndata: "u8);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "error"u8);
            writer.WriteStartObject("error"u8);
            writer.WriteString("type"u8, errorType);
            writer.WriteString("message"u8, message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
