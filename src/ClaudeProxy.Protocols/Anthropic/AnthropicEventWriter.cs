using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>
/// Writes Anthropic Messages stream events (<c>event: X</c>, <c>data: {…}</c>, blank line) into a
/// buffer, one complete frame per call, in the exact shapes the SDKs' accumulators expect.
/// </summary>
public sealed class AnthropicEventWriter(IBufferWriter<byte> output) : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Utf8JsonWriter _json = new(output, Options);

    public void MessageStart(string id, string model, AnthropicUsage usage)
    {
        var json = Begin("message_start"u8);
        json.WriteStartObject("message"u8);
        json.WriteString("id"u8, id);
        json.WriteString("type"u8, "message"u8);
        json.WriteString("role"u8, "assistant"u8);
        json.WriteString("model"u8, model);
        json.WriteStartArray("content"u8);
        json.WriteEndArray();
        json.WriteNull("stop_reason"u8);
        json.WriteNull("stop_sequence"u8);
        usage.WriteTo(json);
        json.WriteEndObject();
        End();
    }

    public void Ping()
    {
        Begin("ping"u8);
        End();
    }

    public void TextBlockStart(int index)
    {
        var json = BeginBlockStart(index);
        json.WriteString("type"u8, "text"u8);
        json.WriteString("text"u8, ""u8);
        EndBlockStart();
    }

    public void ThinkingBlockStart(int index)
    {
        var json = BeginBlockStart(index);
        json.WriteString("type"u8, "thinking"u8);
        json.WriteString("thinking"u8, ""u8);
        json.WriteString("signature"u8, ""u8);
        EndBlockStart();
    }

    public void ToolUseBlockStart(int index, string id, string name)
    {
        var json = BeginBlockStart(index);
        json.WriteString("type"u8, "tool_use"u8);
        json.WriteString("id"u8, id);
        json.WriteString("name"u8, name);
        json.WriteStartObject("input"u8);
        json.WriteEndObject();
        EndBlockStart();
    }

    public void TextDelta(int index, ReadOnlySpan<char> text)
    {
        var json = BeginDelta(index, "text_delta"u8);
        json.WriteString("text"u8, text);
        EndDelta();
    }

    /// <summary>
    /// A text delta from valid, unescaped UTF-8: the bytes written are exactly those the same text
    /// gives as UTF-16, so a translator can pass an upstream's text on without making a string of it.
    /// </summary>
    public void TextDelta(int index, ReadOnlySpan<byte> utf8Text)
    {
        // The most frequent event by far: its fixed frame goes out as bytes, and the JSON writer is used
        // only to escape the text, exactly as it would inside the object.
        output.Write("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":"u8);
        var digits = output.GetSpan(11);
        index.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        output.Advance(written);
        output.Write(",\"delta\":{\"type\":\"text_delta\",\"text\":"u8);
        _json.Reset(output);
        _json.WriteStringValue(utf8Text);
        _json.Flush();
        output.Write("}}\n\n"u8);
    }

    public void ThinkingDelta(int index, ReadOnlySpan<char> thinking)
    {
        var json = BeginDelta(index, "thinking_delta"u8);
        json.WriteString("thinking"u8, thinking);
        EndDelta();
    }

    public void SignatureDelta(int index, string signature)
    {
        var json = BeginDelta(index, "signature_delta"u8);
        json.WriteString("signature"u8, signature);
        EndDelta();
    }

    public void InputJsonDelta(int index, ReadOnlySpan<char> partialJson)
    {
        var json = BeginDelta(index, "input_json_delta"u8);
        json.WriteString("partial_json"u8, partialJson);
        EndDelta();
    }

    public void ContentBlockStop(int index)
    {
        var json = Begin("content_block_stop"u8);
        json.WriteNumber("index"u8, index);
        End();
    }

    public void MessageDelta(string stopReason, AnthropicUsage usage)
    {
        var json = Begin("message_delta"u8);
        json.WriteStartObject("delta"u8);
        json.WriteString("stop_reason"u8, stopReason);
        json.WriteNull("stop_sequence"u8);
        json.WriteEndObject();
        usage.WriteTo(json);
        End();
    }

    public void MessageStop()
    {
        Begin("message_stop"u8);
        End();
    }

    public void Error(string errorType, string message)
    {
        var json = Begin("error"u8);
        json.WriteStartObject("error"u8);
        json.WriteString("type"u8, errorType);
        json.WriteString("message"u8, message);
        json.WriteEndObject();
        End();
    }

    public void Dispose() => _json.Dispose();

    private Utf8JsonWriter Begin(ReadOnlySpan<byte> eventName)
    {
        output.Write("event: "u8);
        output.Write(eventName);
        output.Write("\ndata: "u8);
        _json.Reset(output);
        _json.WriteStartObject();
        _json.WriteString("type"u8, eventName);
        return _json;
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        output.Write("\n\n"u8);
    }

    private Utf8JsonWriter BeginBlockStart(int index)
    {
        var json = Begin("content_block_start"u8);
        json.WriteNumber("index"u8, index);
        json.WriteStartObject("content_block"u8);
        return json;
    }

    private void EndBlockStart()
    {
        _json.WriteEndObject();
        End();
    }

    private Utf8JsonWriter BeginDelta(int index, ReadOnlySpan<byte> deltaType)
    {
        var json = Begin("content_block_delta"u8);
        json.WriteNumber("index"u8, index);
        json.WriteStartObject("delta"u8);
        json.WriteString("type"u8, deltaType);
        return json;
    }

    private void EndDelta()
    {
        _json.WriteEndObject();
        End();
    }
}
