using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;
using static ClaudeProxy.Protocols.Doors.HubJson;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// Turns an Anthropic Messages event stream into a Chat Completions chunk stream, whatever pieces the
/// upstream's bytes arrive in. Every chunk has one choice (index 0): the first carries the role, text
/// becomes <c>content</c>, thinking <c>reasoning_content</c>, each <c>tool_use</c> a tool call (numbered
/// from 0 in order) whose arguments stream as they come; the stop reason gives a chunk with the finish
/// reason. Usage counts input tokens the way <see cref="AnthropicUsageReader.Fold"/> does (the numbers
/// of <c>message_delta</c> are cumulative and replace those of <c>message_start</c> where present, so
/// upstreams that report input only at the end count too); with <c>include_usage</c> it goes in a last
/// chunk with no choices, and content chunks carry <c>"usage":null</c>, as OpenAI's do. An
/// <c>error</c> event becomes an <c>{"error":…}</c> chunk; <c>[DONE]</c> ends the stream once, after
/// which input is ignored. Signatures, redacted thinking, pings and events that are not JSON are
/// skipped. An event larger than the bound throws <see cref="SseEventTooLargeException"/> from
/// <see cref="Write"/>.
/// </summary>
public sealed class ChatCompletionsStreamTranslator : IDoorStreamTranslator, IHubEventHandler
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HubEventReader _reader;
    private readonly bool _includeUsage;
    private readonly long _created;
    private readonly Dictionary<long, int> _toolCallByBlock = [];
    private Utf8JsonWriter? _json;
    private IBufferWriter<byte>? _output;
    private string? _id;
    private string _model = "";
    private bool _started;
    private bool _finishSent;
    private int _toolCalls;

    public ChatCompletionsStreamTranslator(bool includeUsage, long createdUnixSeconds, int maxEventBytes = SseParser.DefaultMaxEventBytes)
    {
        _reader = new HubEventReader(this, maxEventBytes);
        _includeUsage = includeUsage;
        _created = createdUnixSeconds;
    }

    /// <summary>The usage so far (final once the stream has ended).</summary>
    public AnthropicUsage Usage { get; private set; }

    /// <summary>True once the upstream's <c>message_stop</c> arrived: the answer is complete.</summary>
    public bool ReachedMessageStop { get; private set; }

    /// <summary>True once an <c>error</c> event arrived.</summary>
    public bool Failed { get; private set; }

    /// <summary>True once <c>data: [DONE]</c> was written; nothing more will be.</summary>
    public bool IsDone { get; private set; }

    /// <summary>The completion id every chunk carries (<c>chatcmpl-</c> and the message id without <c>msg_</c>).</summary>
    public string Id => _id ??= ChatCompletionsShape.CompletionId(null);

    public void Write(ReadOnlySpan<byte> anthropicSse, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (IsDone)
        {
            return;
        }

        _output = output;
        try
        {
            _reader.Feed(anthropicSse);
        }
        finally
        {
            _output = null;
        }
    }

    public void Complete(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (IsDone)
        {
            return;
        }

        _reader.Complete();
        _output = output;
        try
        {
            End();
        }
        finally
        {
            _output = null;
        }
    }

    /// <summary>
    /// Ends the stream with an error chunk and <c>[DONE]</c>, for a failure the upstream did not report
    /// itself (the connection broke, a read timed out); nothing when the stream has already ended.
    /// </summary>
    public void Fail(string message, string type, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(output);
        if (IsDone)
        {
            return;
        }

        _output = output;
        try
        {
            WriteError(message, type);
        }
        finally
        {
            _output = null;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _json?.Dispose();
    }

    void IHubEventHandler.OnEvent(ReadOnlySpan<byte> type, JsonElement root, ReadOnlySpan<byte> data)
    {
        if (IsDone)
        {
            return;
        }

        if (type.SequenceEqual("message_start"u8))
        {
            if (root.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.Object)
            {
                _id ??= ChatCompletionsShape.CompletionId(StringOf(message, "id"u8));
                _model = StringOf(message, "model"u8) ?? _model;
            }

            Usage = AnthropicUsageReader.Fold(Usage, type, data);
            EnsureStarted();
        }
        else if (type.SequenceEqual("content_block_start"u8))
        {
            OnBlockStart(root);
        }
        else if (type.SequenceEqual("content_block_delta"u8))
        {
            OnBlockDelta(root);
        }
        else if (type.SequenceEqual("message_delta"u8))
        {
            Usage = AnthropicUsageReader.Fold(Usage, type, data);
            if (root.TryGetProperty("delta"u8, out var delta) && delta.ValueKind == JsonValueKind.Object
                && StringOf(delta, "stop_reason"u8) is { } stopReason)
            {
                Finish(ChatCompletionsShape.FinishReason(stopReason));
            }
        }
        else if (type.SequenceEqual("message_stop"u8))
        {
            ReachedMessageStop = true;
            Finish("stop");
            End();
        }
        else if (type.SequenceEqual("error"u8))
        {
            OnError(root);
        }
    }

    private void OnBlockStart(JsonElement root)
    {
        if (!root.TryGetProperty("content_block"u8, out var block) || block.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        switch (StringOf(block, "type"u8))
        {
            case "tool_use":
                // Everything is read before the chunk is begun: a read that fails skips the event, never half a chunk.
                var id = StringOf(block, "id"u8) ?? "";
                var name = StringOf(block, "name"u8) ?? "";
                var toolCall = _toolCalls++;
                _toolCallByBlock[BlockIndex(root)] = toolCall;
                var json = BeginChunk();
                json.WriteStartArray("tool_calls"u8);
                json.WriteStartObject();
                json.WriteNumber("index"u8, toolCall);
                json.WriteString("id"u8, id);
                json.WriteString("type"u8, "function"u8);
                json.WriteStartObject("function"u8);
                json.WriteString("name"u8, name);
                json.WriteString("arguments"u8, ""u8);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                EndChunk(null);
                break;
            case "text" when StringOf(block, "text"u8) is { Length: > 0 } text:
                DeltaText("content"u8, text);
                break;
            case "thinking" when StringOf(block, "thinking"u8) is { Length: > 0 } thinking:
                DeltaText("reasoning_content"u8, thinking);
                break;
        }
    }

    private void OnBlockDelta(JsonElement root)
    {
        if (!root.TryGetProperty("delta"u8, out var delta) || delta.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        switch (StringOf(delta, "type"u8))
        {
            case "text_delta" when StringOf(delta, "text"u8) is { Length: > 0 } text:
                DeltaText("content"u8, text);
                break;
            case "thinking_delta" when StringOf(delta, "thinking"u8) is { Length: > 0 } thinking:
                DeltaText("reasoning_content"u8, thinking);
                break;
            case "input_json_delta" when StringOf(delta, "partial_json"u8) is { Length: > 0 } partial
                && _toolCallByBlock.TryGetValue(BlockIndex(root), out var toolCall):
                var json = BeginChunk();
                json.WriteStartArray("tool_calls"u8);
                json.WriteStartObject();
                json.WriteNumber("index"u8, toolCall);
                json.WriteStartObject("function"u8);
                json.WriteString("arguments"u8, partial);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                EndChunk(null);
                break;
        }
    }

    private void OnError(JsonElement root)
    {
        string? type = null;
        string? message = null;
        if (root.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.Object)
        {
            type = StringOf(error, "type"u8);
            message = StringOf(error, "message"u8);
        }

        WriteError(message ?? "The upstream stream failed.", string.IsNullOrEmpty(type) ? "server_error" : type);
    }

    private void WriteError(string message, string type)
    {
        var output = _output!;
        output.Write("data: "u8);
        var json = Writer(output);
        ChatCompletionsErrorTranslator.Write(json, message, type, param: null, code: null);
        json.Flush();
        output.Write("\n\n"u8);
        Failed = true;
        WriteDone(output);
    }

    private void DeltaText(ReadOnlySpan<byte> field, string text)
    {
        var json = BeginChunk();
        json.WriteString(field, text);
        EndChunk(null);
    }

    /// <summary>The chunk with the finish reason, once.</summary>
    private void Finish(string finishReason)
    {
        if (_finishSent)
        {
            return;
        }

        _finishSent = true;
        BeginChunk();
        EndChunk(finishReason);
    }

    /// <summary>The usage chunk (when asked for) and <c>[DONE]</c>.</summary>
    private void End()
    {
        var output = _output!;
        if (_includeUsage)
        {
            output.Write("data: "u8);
            var json = Writer(output);
            json.WriteStartObject();
            WriteHead(json);
            json.WriteStartArray("choices"u8);
            json.WriteEndArray();
            ChatCompletionsShape.WriteUsage(json, Usage);
            json.WriteEndObject();
            json.Flush();
            output.Write("\n\n"u8);
        }

        WriteDone(output);
    }

    private void WriteDone(IBufferWriter<byte> output)
    {
        output.Write("data: [DONE]\n\n"u8);
        IsDone = true;
    }

    /// <summary>The first chunk, with the role, before anything else.</summary>
    private void EnsureStarted()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var json = BeginChunk();
        json.WriteString("role"u8, "assistant"u8);
        json.WriteString("content"u8, ""u8);
        EndChunk(null);
    }

    /// <summary>Writes a chunk up to the inside of its choice's <c>delta</c>; the caller writes the delta's fields, then <see cref="EndChunk"/>.</summary>
    private Utf8JsonWriter BeginChunk()
    {
        EnsureStarted();
        var output = _output!;
        output.Write("data: "u8);
        var json = Writer(output);
        json.WriteStartObject();
        WriteHead(json);
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, 0);
        json.WriteStartObject("delta"u8);
        return json;
    }

    private void EndChunk(string? finishReason)
    {
        var json = _json!;
        json.WriteEndObject();
        json.WriteNull("logprobs"u8);
        if (finishReason is null)
        {
            json.WriteNull("finish_reason"u8);
        }
        else
        {
            json.WriteString("finish_reason"u8, finishReason);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        if (_includeUsage)
        {
            json.WriteNull("usage"u8);
        }

        json.WriteEndObject();
        json.Flush();
        _output!.Write("\n\n"u8);
    }

    private void WriteHead(Utf8JsonWriter json)
    {
        json.WriteString("id"u8, Id);
        json.WriteString("object"u8, "chat.completion.chunk"u8);
        json.WriteNumber("created"u8, _created);
        json.WriteString("model"u8, _model);
    }

    private Utf8JsonWriter Writer(IBufferWriter<byte> output)
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            _json.Reset(output);
        }

        return _json;
    }
}
