using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// Turns an Anthropic Messages event stream into Gemini's <c>streamGenerateContent</c> stream, whatever
/// pieces the upstream's bytes arrive in. Each <c>GenerateContentResponse</c> chunk has one candidate
/// (index 0) holding one part: a text delta (<c>{"text"}</c>), a thinking delta
/// (<c>{"text","thought":true}</c>, only with <see cref="IncludeThoughts"/>), or a function call, sent whole
/// once its arguments are complete (at the block's end). The thinking blocks' signatures ride, packed
/// (<see cref="GeminiDoorThoughtSignature"/>), on the next text or function call part, as in
/// <see cref="GeminiDoorResponseTranslator"/>. <c>message_stop</c> gives a last chunk with the finish
/// reason and <c>usageMetadata</c> (folded as <see cref="AnthropicUsageReader.Fold"/> does) and no parts
/// (or the empty thought part that carries signatures nothing followed). An <c>error</c> event, or a stream
/// that ends without <c>message_stop</c>, ends with Google's error element
/// (<c>{"error":{"code","message","status"}}</c>) instead. Framing: with SSE (<c>alt=sse</c>) every chunk is
/// <c>data: {…}\r\n\r\n</c>; without, the chunks are the elements of one JSON array, written as they come
/// (<c>[{…}\n,{…}\n]</c>), as Google answers without <c>alt=sse</c>. Pings, redacted thinking text and
/// events that are not JSON are skipped; an event larger than the bound throws
/// <see cref="SseEventTooLargeException"/> from <see cref="Write"/>.
/// </summary>
public sealed class GeminiDoorStreamTranslator : IDoorStreamTranslator
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SseParser _parser;
    private readonly Consumer _consumer;
    private readonly string _model;
    private readonly bool _sse;
    private readonly Dictionary<long, OpenBlock> _blocks = [];
    private readonly GeminiDoorPendingThinking _pending = new();
    private Utf8JsonWriter? _json;
    private IBufferWriter<byte>? _output;
    private string? _responseId;
    private string? _stopReason;
    private int _elements;

    /// <param name="model">The model the client asked for, written as every chunk's <c>modelVersion</c>.</param>
    /// <param name="sseFraming">True for <c>alt=sse</c> (Server-Sent Events); false for one streamed JSON array.</param>
    /// <param name="maxEventBytes">The most bytes one upstream event may hold.</param>
    public GeminiDoorStreamTranslator(string model, bool sseFraming, int maxEventBytes = SseParser.DefaultMaxEventBytes)
    {
        ArgumentNullException.ThrowIfNull(model);
        _parser = new SseParser(maxEventBytes);
        _consumer = new Consumer(this);
        _model = model;
        _sse = sseFraming;
    }

    /// <summary>Write thinking text as thought parts: the request's <see cref="GeminiDoorRequest.IncludeThoughts"/>. True unless set.</summary>
    public bool IncludeThoughts { get; init; } = true;

    /// <summary>The usage so far (final once the stream has ended).</summary>
    public AnthropicUsage Usage { get; private set; }

    /// <summary>True once the upstream's <c>message_stop</c> arrived: the answer is complete.</summary>
    public bool ReachedMessageStop { get; private set; }

    /// <summary>True once the stream ended with an error element.</summary>
    public bool Failed { get; private set; }

    /// <summary>True once the stream has ended (its last chunk or error element written, the array closed); nothing more will be written.</summary>
    public bool IsDone { get; private set; }

    /// <summary>The <c>responseId</c> every chunk carries: the Anthropic message id.</summary>
    public string ResponseId => _responseId ??= GeminiDoorShape.ResponseId(null);

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
            _parser.Feed(anthropicSse, _consumer);
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

        // An event the upstream never finished is dropped, as the event-stream rules say.
        _parser.Complete();
        Fail(500, "The upstream stream ended before the answer was complete.", output);
    }

    /// <summary>
    /// Ends the stream with Google's error element, for a failure the upstream did not report itself (the
    /// connection broke, a read timed out); nothing when the stream has already ended.
    /// </summary>
    /// <param name="code">The HTTP code the error names (its status name follows it, <see cref="GeminiDoorErrorTranslator.StatusName"/>).</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="output">Where to write.</param>
    public void Fail(int code, string message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        if (IsDone)
        {
            return;
        }

        _output = output;
        try
        {
            WriteError(code, message);
        }
        finally
        {
            _output = null;
        }
    }

    public void Dispose()
    {
        _parser.Dispose();
        _json?.Dispose();
    }

    private void OnSseEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
    {
        if (IsDone)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            var type = eventName.IsEmpty && root.TryGetProperty("type"u8, out var typeElement) && typeElement.ValueKind == JsonValueKind.String
                ? typeElement.GetString()
                : Encoding.UTF8.GetString(eventName);
            try
            {
                OnEvent(type, root, data.Span);
            }
            catch (InvalidOperationException)
            {
                // A field of the wrong kind, or a string that is not Unicode text: the event is skipped.
            }
        }
    }

    private void OnEvent(string? type, JsonElement root, ReadOnlySpan<byte> data)
    {
        switch (type)
        {
            case "message_start":
                if (root.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.Object)
                {
                    _responseId ??= GeminiDoorShape.ResponseId(StringOf(message, "id"u8));
                }

                Usage = AnthropicUsageReader.Fold(Usage, "message_start"u8, data);
                break;
            case "content_block_start":
                OnBlockStart(root);
                break;
            case "content_block_delta":
                OnBlockDelta(root);
                break;
            case "content_block_stop":
                OnBlockStop(root);
                break;
            case "message_delta":
                Usage = AnthropicUsageReader.Fold(Usage, "message_delta"u8, data);
                if (root.TryGetProperty("delta"u8, out var delta) && delta.ValueKind == JsonValueKind.Object && StringOf(delta, "stop_reason"u8) is { } stopReason)
                {
                    _stopReason = stopReason;
                }

                break;
            case "message_stop":
                ReachedMessageStop = true;
                Finish();
                break;
            case "error":
                OnError(root);
                break;
        }
    }

    private void OnBlockStart(JsonElement root)
    {
        if (!root.TryGetProperty("content_block"u8, out var block) || block.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var index = BlockIndex(root);
        switch (StringOf(block, "type"u8))
        {
            case "text":
                _blocks[index] = new OpenBlock(BlockKind.Text);
                if (block.TryGetProperty("text"u8, out var text))
                {
                    TextDelta(text);
                }

                break;
            case "thinking":
                var thinking = new OpenBlock(BlockKind.Thinking) { Signature = StringOf(block, "signature"u8) };
                _blocks[index] = thinking;
                if (block.TryGetProperty("thinking"u8, out var thought))
                {
                    ThinkingDelta(thinking, thought);
                }

                break;
            case "redacted_thinking" when StringOf(block, "data"u8) is { } data:
                _pending.AddRedacted(data);
                break;
            case "tool_use":
                var call = new OpenBlock(BlockKind.ToolUse) { Id = StringOf(block, "id"u8) ?? ToolUseIds.NewId(), Name = StringOf(block, "name"u8) ?? "" };
                if (block.TryGetProperty("input"u8, out var input) && input.ValueKind == JsonValueKind.Object && input.EnumerateObject().Any())
                {
                    // An upstream that sends the whole input up front, with no deltas after it.
                    call.StartInput = input.GetRawText();
                }

                _blocks[index] = call;
                break;
        }
    }

    private void OnBlockDelta(JsonElement root)
    {
        if (!root.TryGetProperty("delta"u8, out var delta) || delta.ValueKind != JsonValueKind.Object
            || !_blocks.TryGetValue(BlockIndex(root), out var block))
        {
            return;
        }

        switch (StringOf(delta, "type"u8))
        {
            case "text_delta" when block.Kind == BlockKind.Text && delta.TryGetProperty("text"u8, out var text):
                TextDelta(text);
                break;
            case "thinking_delta" when block.Kind == BlockKind.Thinking && delta.TryGetProperty("thinking"u8, out var thought):
                ThinkingDelta(block, thought);
                break;
            case "signature_delta" when block.Kind == BlockKind.Thinking && StringOf(delta, "signature"u8) is { } signature:
                block.Signature += signature;
                break;
            case "input_json_delta" when block.Kind == BlockKind.ToolUse && StringOf(delta, "partial_json"u8) is { } partial:
                block.Text.Append(partial);
                break;
        }
    }

    private void OnBlockStop(JsonElement root)
    {
        var index = BlockIndex(root);
        if (!_blocks.Remove(index, out var block))
        {
            return;
        }

        if (block.Kind == BlockKind.Thinking)
        {
            _pending.AddSigned(block.Text.ToString(), block.Signature);
        }
        else if (block.Kind == BlockKind.ToolUse)
        {
            using var args = Arguments(block);
            var json = BeginChunk();
            GeminiDoorShape.WriteFunctionCallPart(json, block.Id!, block.Name!, args?.RootElement ?? default, _pending.Take());
            EndChunk(null);
        }
    }

    /// <summary>The call's arguments as a document; null (written as <c>{}</c>) when there are none or they are not one JSON object.</summary>
    private static JsonDocument? Arguments(OpenBlock call)
    {
        var text = call.Text.Length > 0 ? call.Text.ToString() : call.StartInput;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Arguments the model never finished: the call goes out with none rather than not at all.
        }

        return null;
    }

    private void TextDelta(JsonElement text)
    {
        if (text.ValueKind != JsonValueKind.String || text.ValueEquals(""u8))
        {
            return;
        }

        var json = BeginChunk();
        GeminiDoorShape.WriteTextPart(json, text, _pending.Take());
        EndChunk(null);
    }

    private void ThinkingDelta(OpenBlock block, JsonElement thought)
    {
        if (thought.ValueKind != JsonValueKind.String || thought.ValueEquals(""u8))
        {
            return;
        }

        block.Text.Append(thought.GetString());
        if (IncludeThoughts)
        {
            var json = BeginChunk();
            GeminiDoorShape.WriteThoughtPart(json, thought);
            EndChunk(null);
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

        var code = GeminiDoorErrorTranslator.ClientStatus(AnthropicErrorType.ToStatus(type));
        WriteError(code, string.IsNullOrEmpty(message) ? "The upstream stream failed." : message);
    }

    /// <summary>The last chunk: the finish reason, the usage, and the signatures nothing followed to carry.</summary>
    private void Finish()
    {
        var json = BeginChunk();
        if (_pending.Take() is { } left)
        {
            GeminiDoorShape.WriteSignaturePart(json, left);
        }

        EndChunk(GeminiDoorShape.FinishReason(_stopReason));
        Close();
    }

    private void WriteError(int code, string message)
    {
        var json = BeginElement();
        GeminiDoorErrorTranslator.Write(json, code, message, GeminiDoorErrorTranslator.StatusName(code));
        EndElement();
        Failed = true;
        Close();
    }

    /// <summary>Begins a chunk up to the inside of its candidate's <c>parts</c>; the caller writes the parts, then <see cref="EndChunk"/>.</summary>
    private Utf8JsonWriter BeginChunk()
    {
        var json = BeginElement();
        GeminiDoorShape.BeginResponse(json);
        return json;
    }

    /// <summary>Ends a chunk; the last one (with a finish reason) carries the usage.</summary>
    private void EndChunk(string? finishReason)
    {
        GeminiDoorShape.EndResponse(_json!, finishReason, finishReason is null ? null : Usage, _model, ResponseId);
        EndElement();
    }

    private Utf8JsonWriter BeginElement()
    {
        var output = _output!;
        if (_sse)
        {
            output.Write("data: "u8);
        }
        else
        {
            output.Write(_elements == 0 ? "["u8 : ","u8);
        }

        _elements++;
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

    private void EndElement()
    {
        _json!.Flush();
        _output!.Write(_sse ? "\r\n\r\n"u8 : "\n"u8);
    }

    /// <summary>Ends the stream: the JSON array's closing bracket (an empty array when nothing was written).</summary>
    private void Close()
    {
        if (!_sse)
        {
            _output!.Write(_elements == 0 ? "[]"u8 : "]"u8);
        }

        IsDone = true;
    }

    private static long BlockIndex(JsonElement root) =>
        root.TryGetProperty("index"u8, out var index) && index.ValueKind == JsonValueKind.Number && index.TryGetInt64(out var value) ? value : -1;

    private static string? StringOf(JsonElement owner, ReadOnlySpan<byte> name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private enum BlockKind
    {
        Text,
        Thinking,
        ToolUse,
    }

    /// <summary>A content block between its start and stop: the thinking text or call arguments gathered so far.</summary>
    private sealed class OpenBlock(BlockKind kind)
    {
        public BlockKind Kind { get; } = kind;

        public StringBuilder Text { get; } = new();

        public string? Signature { get; set; }

        public string? Id { get; init; }

        public string? Name { get; init; }

        public string? StartInput { get; set; }
    }

    /// <summary>Hands the parser's events to the translator, without making <see cref="ISseEventConsumer"/> part of its public surface.</summary>
    private sealed class Consumer(GeminiDoorStreamTranslator owner) : ISseEventConsumer
    {
        public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data) => owner.OnSseEvent(eventName, data);
    }
}
