using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;
using static ClaudeProxy.Protocols.Doors.HubJson;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// Turns an Anthropic Messages event stream into a Responses event stream, whatever pieces the
/// upstream's bytes arrive in. <c>response.created</c> and <c>response.in_progress</c> come first (at
/// <c>message_start</c>, whose model they report); the content blocks become the output items of
/// <see cref="ResponsesResponseTranslator"/>, each announced by <c>response.output_item.added</c>, filled
/// by its deltas and closed by <c>response.output_item.done</c>. A run of text blocks is one message
/// item, so it closes when another item begins or the answer ends; an empty text opens none. Function
/// call arguments stream as they come; a custom tool call's input is known, and sent, once its block
/// ends. <c>message_stop</c> ends the stream with <c>response.completed</c> or
/// <c>response.incomplete</c>, carrying the whole response; an <c>error</c> event, a stream that ends
/// without <c>message_stop</c>, or <see cref="Fail"/> with <c>response.failed</c> (its output the items
/// finished so far). Nothing is written after the end. Usage counts the way
/// <see cref="AnthropicUsageReader.Fold"/> does. Pings, unknown blocks and events that are not JSON are
/// skipped. An event larger than the bound throws <see cref="SseEventTooLargeException"/> from
/// <see cref="Write"/>.
/// </summary>
public sealed class ResponsesStreamTranslator : IDoorStreamTranslator, IHubEventHandler
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HubEventReader _reader;
    private readonly ResponsesEventWriter _events = new();
    private readonly ResponsesAnswerContext _answer;
    private readonly string _responseId;
    private readonly long _createdAt;
    private readonly ResponsesEcho _echo;
    private readonly List<ResponsesOutputItem> _finished = [];
    private string _model;
    private ResponsesOutputItem? _open;
    private long _openBlock = -1;
    private string? _stopReason;
    private ResponsesHead? _head;
    private bool _ended;

    /// <param name="answer">What the answer carries over from the request.</param>
    /// <param name="responseId">The response's id (<see cref="ResponsesIds.NewResponseId"/>).</param>
    /// <param name="model">The model to report until the upstream names its own.</param>
    /// <param name="createdAtUnixSeconds">The response's <c>created_at</c>.</param>
    /// <param name="maxEventBytes">The bound on one upstream event.</param>
    public ResponsesStreamTranslator(ResponsesAnswerContext answer, string responseId, string model, long createdAtUnixSeconds, int maxEventBytes = SseParser.DefaultMaxEventBytes)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(responseId);
        ArgumentNullException.ThrowIfNull(model);
        _reader = new HubEventReader(this, maxEventBytes);
        _answer = answer;
        _responseId = responseId;
        _model = model;
        _createdAt = createdAtUnixSeconds;
        _echo = ResponsesEcho.From(answer.Echo);
    }

    /// <summary>The output items (a JSON array), once <c>response.completed</c> or <c>response.incomplete</c> was written; null otherwise.</summary>
    public byte[]? OutputItems { get; private set; }

    /// <summary>True once <c>response.failed</c> was written.</summary>
    public bool Failed { get; private set; }

    /// <summary>The usage so far (final once the stream has ended).</summary>
    public AnthropicUsage Usage { get; private set; }

    public void Write(ReadOnlySpan<byte> anthropicSse, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_ended)
        {
            return;
        }

        _events.Output = output;
        try
        {
            _reader.Feed(anthropicSse);
        }
        finally
        {
            _events.Output = null;
        }
    }

    public void Complete(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_ended)
        {
            return;
        }

        _reader.Complete();
        Fail("The upstream stream ended before the answer was complete.", "server_error", output);
    }

    /// <summary>
    /// Ends the stream with <c>response.failed</c> for a failure the upstream did not report itself (the
    /// connection broke, a read timed out); nothing when the stream has already ended.
    /// </summary>
    /// <param name="message">What went wrong, for the client.</param>
    /// <param name="code">The Responses error code: <c>server_error</c>, <c>rate_limit_exceeded</c>, ….</param>
    /// <param name="output">Where the event goes.</param>
    public void Fail(string message, string code, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(output);
        if (_ended)
        {
            return;
        }

        _events.Output = output;
        try
        {
            EndFailed(code, message);
        }
        finally
        {
            _events.Output = null;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _events.Dispose();
    }

    void IHubEventHandler.OnEvent(ReadOnlySpan<byte> type, JsonElement root, ReadOnlySpan<byte> data)
    {
        if (_ended)
        {
            return;
        }

        if (type.SequenceEqual("message_start"u8))
        {
            if (root.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.Object
                && StringOf(message, "model"u8) is { Length: > 0 } model)
            {
                _model = model;
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
        else if (type.SequenceEqual("content_block_stop"u8))
        {
            if (_open is not null and not ResponsesMessageItem && BlockIndex(root) == _openBlock)
            {
                CloseOpen();
            }
        }
        else if (type.SequenceEqual("message_delta"u8))
        {
            Usage = AnthropicUsageReader.Fold(Usage, type, data);
            if (root.TryGetProperty("delta"u8, out var delta) && delta.ValueKind == JsonValueKind.Object
                && StringOf(delta, "stop_reason"u8) is { } stopReason)
            {
                _stopReason = stopReason;
            }
        }
        else if (type.SequenceEqual("message_stop"u8))
        {
            EndCompleted();
        }
        else if (type.SequenceEqual("error"u8))
        {
            string? errorType = null;
            string? message = null;
            if (root.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.Object)
            {
                errorType = StringOf(error, "type"u8);
                message = StringOf(error, "message"u8);
            }

            EndFailed(ResponsesErrorCode.For(errorType), string.IsNullOrEmpty(message) ? "The upstream stream failed." : message);
        }
    }

    private void OnBlockStart(JsonElement root)
    {
        if (!root.TryGetProperty("content_block"u8, out var block) || block.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        // Everything is read before anything is written: a read that fails skips the event, never half of one.
        var index = BlockIndex(root);
        switch (StringOf(block, "type"u8))
        {
            case "text":
                var text = StringOf(block, "text"u8);
                if (_open is not ResponsesMessageItem)
                {
                    CloseOpen();
                }

                _openBlock = index;
                if (!string.IsNullOrEmpty(text))
                {
                    AppendText(text);
                }

                break;
            case "thinking":
                var thinking = StringOf(block, "thinking"u8);
                var signature = StringOf(block, "signature"u8);
                var reasoning = Open("rs", id => new ResponsesReasoningItem(id, redactedData: null), index);
                if (!string.IsNullOrEmpty(signature))
                {
                    reasoning.Signature = signature;
                }

                if (!string.IsNullOrEmpty(thinking))
                {
                    AppendThinking(reasoning, thinking);
                }

                break;
            case "redacted_thinking":
                var data = StringOf(block, "data"u8) ?? "";
                Open("rs", id => new ResponsesReasoningItem(id, data), index);
                break;
            case "tool_use":
                var callId = StringOf(block, "id"u8) ?? "";
                var name = StringOf(block, "name"u8) ?? "";
                var startInput = ResponsesToolInput.Of(block);
                if (_answer.CustomTools.Contains(name))
                {
                    Open("ctc", id => new ResponsesCustomToolCallItem(id, callId, name, startInput), index);
                }
                else
                {
                    Open("fc", id => new ResponsesFunctionCallItem(id, callId, name, startInput), index);
                }

                break;
        }
    }

    private void OnBlockDelta(JsonElement root)
    {
        if (!root.TryGetProperty("delta"u8, out var delta) || delta.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var atOpenBlock = BlockIndex(root) == _openBlock;
        switch (StringOf(delta, "type"u8))
        {
            case "text_delta" when StringOf(delta, "text"u8) is { Length: > 0 } text:
                if (_open is not ResponsesMessageItem)
                {
                    CloseOpen();
                    _openBlock = BlockIndex(root);
                }

                AppendText(text);
                break;
            case "thinking_delta" when atOpenBlock && _open is ResponsesReasoningItem { RedactedData: null } reasoning
                && StringOf(delta, "thinking"u8) is { Length: > 0 } thinking:
                AppendThinking(reasoning, thinking);
                break;
            case "signature_delta" when atOpenBlock && _open is ResponsesReasoningItem { RedactedData: null } reasoning
                && StringOf(delta, "signature"u8) is { } signature:
                // The signature comes whole, as Anthropic's own SDKs take it.
                reasoning.Signature = signature;
                break;
            case "input_json_delta" when atOpenBlock && StringOf(delta, "partial_json"u8) is { Length: > 0 } partial:
                if (_open is ResponsesFunctionCallItem call)
                {
                    ArgumentsDelta(call, partial);
                }
                else if (_open is ResponsesCustomToolCallItem custom)
                {
                    custom.Append(partial);
                }

                break;
        }
    }

    private int OutputIndex => _finished.Count;

    /// <summary>
    /// Closes the open item, then opens the one <paramref name="create"/> makes (given its id, which
    /// <paramref name="idPrefix"/> begins) for the block at <paramref name="blockIndex"/>.
    /// </summary>
    private T Open<T>(string idPrefix, Func<string, T> create, long blockIndex)
        where T : ResponsesOutputItem
    {
        CloseOpen();
        EnsureStarted();
        var item = create(ResponsesIds.ItemId(idPrefix, _responseId, OutputIndex));
        _open = item;
        _openBlock = blockIndex;
        var json = _events.Begin("response.output_item.added"u8);
        json.WriteNumber("output_index"u8, OutputIndex);
        json.WritePropertyName("item"u8);
        item.Write(json, done: false);
        _events.End();
        return item;
    }

    private void AppendText(string text)
    {
        if (_open is not ResponsesMessageItem message)
        {
            message = Open("msg", id => new ResponsesMessageItem(id), _openBlock);
            var added = BeginItemEvent("response.content_part.added"u8, message);
            added.WriteNumber("content_index"u8, 0);
            added.WritePropertyName("part"u8);
            ResponsesMessageItem.WritePart(added, "");
            _events.End();
        }

        message.Append(text);
        var json = BeginItemEvent("response.output_text.delta"u8, message);
        json.WriteNumber("content_index"u8, 0);
        json.WriteString("delta"u8, text);
        json.WriteStartArray("logprobs"u8);
        json.WriteEndArray();
        _events.End();
    }

    private void AppendThinking(ResponsesReasoningItem reasoning, string thinking)
    {
        if (!reasoning.HasThinking)
        {
            var added = BeginItemEvent("response.reasoning_summary_part.added"u8, reasoning);
            added.WriteNumber("summary_index"u8, 0);
            added.WritePropertyName("part"u8);
            ResponsesReasoningItem.WriteSummaryPart(added, "");
            _events.End();
        }

        reasoning.Append(thinking);
        var json = BeginItemEvent("response.reasoning_summary_text.delta"u8, reasoning);
        json.WriteNumber("summary_index"u8, 0);
        json.WriteString("delta"u8, thinking);
        _events.End();
    }

    private void ArgumentsDelta(ResponsesFunctionCallItem call, string partial)
    {
        call.Append(partial);
        var json = BeginItemEvent("response.function_call_arguments.delta"u8, call);
        json.WriteString("delta"u8, partial);
        _events.End();
    }

    /// <summary>Finishes the open item with its closing events; nothing when no item is open.</summary>
    private void CloseOpen()
    {
        switch (_open)
        {
            case null:
                return;
            case ResponsesMessageItem message:
                var textDone = BeginItemEvent("response.output_text.done"u8, message);
                textDone.WriteNumber("content_index"u8, 0);
                textDone.WriteString("text"u8, message.Text);
                textDone.WriteStartArray("logprobs"u8);
                textDone.WriteEndArray();
                _events.End();
                var partDone = BeginItemEvent("response.content_part.done"u8, message);
                partDone.WriteNumber("content_index"u8, 0);
                partDone.WritePropertyName("part"u8);
                ResponsesMessageItem.WritePart(partDone, message.Text);
                _events.End();
                break;
            case ResponsesReasoningItem { HasThinking: true } reasoning:
                var summaryDone = BeginItemEvent("response.reasoning_summary_text.done"u8, reasoning);
                summaryDone.WriteNumber("summary_index"u8, 0);
                summaryDone.WriteString("text"u8, reasoning.Thinking);
                _events.End();
                var summaryPartDone = BeginItemEvent("response.reasoning_summary_part.done"u8, reasoning);
                summaryPartDone.WriteNumber("summary_index"u8, 0);
                summaryPartDone.WritePropertyName("part"u8);
                ResponsesReasoningItem.WriteSummaryPart(summaryPartDone, reasoning.Thinking);
                _events.End();
                break;
            case ResponsesFunctionCallItem call:
                // Arguments that never came in deltas are sent as one, so the deltas always add up to them.
                if (!call.HasArguments)
                {
                    ArgumentsDelta(call, call.StartInput ?? "{}");
                }

                var argumentsDone = BeginItemEvent("response.function_call_arguments.done"u8, call);
                argumentsDone.WriteString("arguments"u8, call.Arguments);
                _events.End();
                break;
            case ResponsesCustomToolCallItem custom:
                custom.Finish();
                if (custom.Input.Length > 0)
                {
                    var inputDelta = BeginItemEvent("response.custom_tool_call_input.delta"u8, custom);
                    inputDelta.WriteString("delta"u8, custom.Input);
                    _events.End();
                }

                var inputDone = BeginItemEvent("response.custom_tool_call_input.done"u8, custom);
                inputDone.WriteString("input"u8, custom.Input);
                _events.End();
                break;
        }

        var item = _open;
        var json = _events.Begin("response.output_item.done"u8);
        json.WriteNumber("output_index"u8, OutputIndex);
        json.WritePropertyName("item"u8);
        item.Write(json, done: true);
        _events.End();
        _finished.Add(item);
        _open = null;
        _openBlock = -1;
    }

    /// <summary>Starts an event about the open item: its <c>item_id</c> and <c>output_index</c>.</summary>
    private Utf8JsonWriter BeginItemEvent(ReadOnlySpan<byte> type, ResponsesOutputItem item)
    {
        var json = _events.Begin(type);
        json.WriteString("item_id"u8, item.Id);
        json.WriteNumber("output_index"u8, OutputIndex);
        return json;
    }

    /// <summary><c>response.created</c> and <c>response.in_progress</c>, before anything else.</summary>
    private void EnsureStarted()
    {
        if (_head is not null)
        {
            return;
        }

        _head = new ResponsesHead(_responseId, _createdAt, _model, _echo);
        WriteResponseEvent("response.created"u8, "in_progress", null, null, "[]"u8, usage: null);
        WriteResponseEvent("response.in_progress"u8, "in_progress", null, null, "[]"u8, usage: null);
    }

    private void EndCompleted()
    {
        EnsureStarted();
        CloseOpen();
        var items = FinishedItems();
        var (status, incompleteReason) = ResponsesObject.Status(_stopReason);
        _ended = true;
        WriteResponseEvent(incompleteReason is null ? "response.completed"u8 : "response.incomplete"u8, status, incompleteReason, null, items, Usage);
        OutputItems = items;
    }

    private void EndFailed(string code, string message)
    {
        EnsureStarted();
        _ended = true;
        Failed = true;
        WriteResponseEvent("response.failed"u8, "failed", null, (code, message), FinishedItems(), Usage);
    }

    private void WriteResponseEvent(ReadOnlySpan<byte> type, string status, string? incompleteReason, (string, string)? error, ReadOnlySpan<byte> output, AnthropicUsage? usage)
    {
        var json = _events.Begin(type);
        json.WritePropertyName("response"u8);
        ResponsesObject.Write(json, _head!, status, incompleteReason, error, output, usage);
        _events.End();
    }

    private byte[] FinishedItems()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            ResponsesOutputItem.WriteList(writer, _finished);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
