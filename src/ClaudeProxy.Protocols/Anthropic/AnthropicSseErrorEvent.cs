using System.Buffers;

namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>
/// The <c>event: error</c> frame that ends a stream which failed after it started; the SDKs raise it
/// as an API error instead of treating the answer as complete. Its data is the error envelope.
/// </summary>
public static class AnthropicSseErrorEvent
{
    public static byte[] ToUtf8Bytes(string errorType, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(96 + message.Length);
        buffer.Write("event: error\ndata: "u8);
        AnthropicErrorEnvelope.Write(buffer, errorType, message, requestId: null);
        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
