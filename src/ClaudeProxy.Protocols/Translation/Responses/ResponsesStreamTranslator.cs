using System.Buffers;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// Turns an OpenAI Responses event stream into an Anthropic Messages event stream, event by event.
/// Each output item becomes blocks with contiguous indices that never overlap (a new item closes the
/// open block): reasoning a thinking block, its summary parts a blank line apart, sealed at the item's
/// <c>response.output_item.done</c> with its encrypted content as the signature; each text or refusal
/// part of a message a text block; a function call a <c>tool_use</c> block whose arguments stream
/// live. An item the stream only sends whole (at its <c>done</c>) is written whole then. The stream
/// finishes at <c>response.completed</c> or <c>response.incomplete</c>, fails at
/// <c>response.failed</c> or an <c>error</c> event, and never makes up an <c>end_turn</c> when the
/// upstream stops before either.
/// </summary>
public sealed class ResponsesStreamTranslator : AnthropicStreamTranslator
{
    private const int StackScratchBytes = 512;

    private readonly ResponsesResponseContext _context;
    private readonly HashSet<string> _skippedKinds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ignoredTypes = new(StringComparer.Ordinal);
    private BlockKind _open;
    private int _openIndex;
    private int _nextIndex;
    private (int Output, int Content) _textPart;
    private ThinkingSource _thinkingSource;
    private int _thinkingPart;
    private bool _thinkingSigned;
    private int _toolOutputIndex;
    private string? _toolItemId;
    private bool _argumentsStreamed;
    private bool _itemStreamed;
    private bool _sawItem;
    private bool _emittedToolUse;
    private bool _wroteText;
    private bool _wroteRefusal;
    private bool _notedUnsigned;
    private bool _notedStrayArguments;

    public ResponsesStreamTranslator(IBufferWriter<byte> output, ResponsesResponseContext context)
        : base(output, context?.MessageId ?? throw new ArgumentNullException(nameof(context)), context.RequestedModel, context.Notes)
    {
        _context = context;
    }

    private enum BlockKind
    {
        None,
        Text,
        Thinking,
        Tool,
    }

    /// <summary>Which text of a reasoning item feeds its thinking block: its summaries, or the raw reasoning some servers show.</summary>
    private enum ThinkingSource
    {
        Summary,
        ReasoningText,
    }

    /// <summary>Some compatible servers end the stream with Chat Completions' <c>[DONE]</c>: it says nothing the terminal event did not.</summary>
    protected override bool TryHandleMarker(ReadOnlySpan<byte> data) => data.Trim(" \t\r\n"u8).SequenceEqual("[DONE]"u8);

    protected override void OnEndOfStream() =>
        Fail(AnthropicErrorType.Api, "The upstream stream ended prematurely (no response.completed).");

    /// <summary>A <c>response.output_text.delta</c>: its text goes from the event's bytes to the Anthropic event, with no document and no string.</summary>
    protected override bool TryTranslateCommonChunk(ReadOnlySpan<byte> data)
    {
        if (!ResponsesTextDelta.TryRead(data, out var chunk))
        {
            return false;
        }

        if (chunk.Delta is { Length: > 0 } delta)
        {
            byte[]? rented = null;
            var scratch = !delta.IsEscaped ? default
                : delta.Length <= StackScratchBytes ? stackalloc byte[StackScratchBytes]
                : (rented = ArrayPool<byte>.Shared.Rent(delta.Length));
            try
            {
                // Checked before anything is written: text the document path would reject stays its to reject.
                if (!delta.TryDecode(data, scratch, out var text))
                {
                    return false;
                }

                Events.TextDelta(TextBlockFor(chunk.OutputIndex, chunk.ContentIndex, refusal: false), text);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        return true;
    }

    protected override void OnChunk(JsonElement chunk)
    {
        if (chunk.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var type = ResponsesOutputItem.String(chunk, "type"u8);
        switch (type)
        {
            case ResponsesEvents.OutputTextDelta:
                OnTextDelta(chunk, refusal: false);
                break;
            case ResponsesEvents.RefusalDelta:
                OnTextDelta(chunk, refusal: true);
                break;
            case ResponsesEvents.ReasoningSummaryTextDelta:
                OnThinkingDelta(chunk, ThinkingSource.Summary, Index(chunk, "summary_index"u8));
                break;
            case ResponsesEvents.ReasoningTextDelta:
                OnThinkingDelta(chunk, ThinkingSource.ReasoningText, Index(chunk, "content_index"u8));
                break;
            case ResponsesEvents.FunctionCallArgumentsDelta:
                OnArgumentsDelta(chunk);
                break;
            case ResponsesEvents.OutputItemAdded:
                OnItemAdded(ResponsesOutputItem.Of(chunk), Index(chunk, "output_index"u8));
                break;
            case ResponsesEvents.OutputItemDone:
                _sawItem = true;
                OnItemDone(ResponsesOutputItem.Of(chunk), Index(chunk, "output_index"u8));
                break;
            case ResponsesEvents.Completed:
            case ResponsesEvents.Incomplete:
                OnResponseFinished(chunk.TryGetProperty("response"u8, out var response) ? response : default, type == ResponsesEvents.Incomplete);
                break;
            case ResponsesEvents.Failed:
            case ResponsesEvents.Error:
            case null when chunk.TryGetProperty("error"u8, out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String:
                var (errorType, message) = ResponsesErrorTranslator.FromStreamPayload(chunk);
                Fail(errorType, message);
                break;
            default:
                OnOtherEvent(type);
                break;
        }
    }

    private void OnOtherEvent(string? type)
    {
        if (type is not null && (ResponsesEvents.Redundant.Contains(type) || ResponsesEvents.BelongsToSkippedItem(type)))
        {
            return;
        }

        if (_ignoredTypes.Add(type ?? ""))
        {
            _context.Notes.Add(type is null ? "Ignored stream events without a type." : $"Ignored stream events of type '{type}'.");
        }
    }

    private void OnTextDelta(JsonElement chunk, bool refusal)
    {
        if (ResponsesOutputItem.String(chunk, "delta"u8) is { Length: > 0 } text)
        {
            Events.TextDelta(TextBlockFor(Index(chunk, "output_index"u8), Index(chunk, "content_index"u8), refusal), text);
        }
    }

    /// <summary>
    /// The index of the text block for a content part (its output and content indices), opened — and
    /// the open block closed — when the part is not the open one. Where a part's text goes, whether
    /// it is written from a string or from the event's bytes.
    /// </summary>
    private int TextBlockFor(int outputIndex, int contentIndex, bool refusal)
    {
        _itemStreamed = true;
        _wroteText |= !refusal;
        _wroteRefusal |= refusal;
        if (_open == BlockKind.Text && _textPart == (outputIndex, contentIndex))
        {
            return _openIndex;
        }

        CloseOpen();
        Open(BlockKind.Text);
        _textPart = (outputIndex, contentIndex);
        Events.TextBlockStart(_openIndex);
        return _openIndex;
    }

    private void OnThinkingDelta(JsonElement chunk, ThinkingSource source, int part)
    {
        if (ResponsesOutputItem.String(chunk, "delta"u8) is not { Length: > 0 } text)
        {
            return;
        }

        _itemStreamed = true;
        if (_open == BlockKind.Thinking)
        {
            if (source != _thinkingSource)
            {
                // A server that streams both summaries and raw reasoning: the kind that came first is the block's.
                return;
            }

            if (part != _thinkingPart)
            {
                text = ResponsesOutputItem.Separator + text;
                _thinkingPart = part;
            }
        }
        else
        {
            OpenThinking(source, part);
        }

        Events.ThinkingDelta(_openIndex, text);
    }

    private void OnArgumentsDelta(JsonElement chunk)
    {
        if (ResponsesOutputItem.String(chunk, "delta"u8) is not { Length: > 0 } arguments)
        {
            return;
        }

        if (_open == BlockKind.Tool && BelongsToOpenTool(chunk))
        {
            _argumentsStreamed = true;
            Events.InputJsonDelta(_openIndex, arguments);
            return;
        }

        if (!_notedStrayArguments)
        {
            // A call announced without a name is written whole at its done; arguments after a call closed are lost.
            _notedStrayArguments = true;
            _context.Notes.Add("Ignored function call arguments streamed while their call's tool_use block was not open.");
        }
    }

    private bool BelongsToOpenTool(JsonElement chunk)
    {
        var outputIndex = Index(chunk, "output_index"u8);
        if (outputIndex >= 0 && _toolOutputIndex >= 0)
        {
            return outputIndex == _toolOutputIndex;
        }

        return ResponsesOutputItem.String(chunk, "item_id"u8) is not { } itemId || _toolItemId is null || itemId == _toolItemId;
    }

    private void OnItemAdded(JsonElement item, int outputIndex)
    {
        CloseOpen();
        _sawItem = true;
        _itemStreamed = false;
        switch (ResponsesOutputItem.Type(item))
        {
            case "reasoning" or "message":
                // Their blocks open with their first text, or at their done.
                break;
            case "function_call":
                if (ResponsesOutputItem.Name(item) is { } name)
                {
                    OpenTool(item, outputIndex, name);
                    WriteArgumentsOf(item);
                }

                break;
            case var kind:
                ResponsesNotes.SkippedItem(_context.Notes, _skippedKinds, kind);
                break;
        }
    }

    private void OnItemDone(JsonElement item, int outputIndex)
    {
        switch (ResponsesOutputItem.Type(item))
        {
            case "reasoning":
                if (_itemStreamed && _open == BlockKind.Thinking)
                {
                    Seal(item);
                    CloseOpen();
                }
                else if (!_itemStreamed)
                {
                    CloseOpen();
                    WriteWholeReasoning(item);
                }

                break;
            case "message":
                if (!_itemStreamed)
                {
                    var contentIndex = 0;
                    foreach (var (text, isRefusal) in ResponsesOutputItem.MessageParts(item, _context.Notes))
                    {
                        Events.TextDelta(TextBlockFor(outputIndex, contentIndex++, isRefusal), text);
                    }
                }

                break;
            case "function_call":
                if (_itemStreamed && _open == BlockKind.Tool)
                {
                    if (!_argumentsStreamed)
                    {
                        WriteArgumentsOf(item);
                    }
                }
                else if (!_itemStreamed)
                {
                    CloseOpen();
                    WriteWholeCall(item, outputIndex);
                }

                break;
            case var kind:
                ResponsesNotes.SkippedItem(_context.Notes, _skippedKinds, kind);
                break;
        }

        CloseOpen();
        _itemStreamed = false;
    }

    private void OnResponseFinished(JsonElement response, bool incomplete)
    {
        if (!_sawItem && _nextIndex == 0 && response.ValueKind == JsonValueKind.Object
            && response.TryGetProperty("output"u8, out var output) && output.ValueKind == JsonValueKind.Array)
        {
            // A server that streamed nothing of its items: they are all in the final response.
            var outputIndex = 0;
            foreach (var item in output.EnumerateArray())
            {
                OnItemDone(item, outputIndex++);
            }
        }

        CloseOpen();
        var stopReason = ResponsesStopReason.From(
            ResponsesStopReason.IncompleteReason(response, incomplete), _emittedToolUse, _wroteRefusal && !_wroteText, _context.Notes);
        var usage = response.ValueKind == JsonValueKind.Object && response.TryGetProperty("usage"u8, out var usageElement) && usageElement.ValueKind == JsonValueKind.Object
            ? ResponsesUsage.From(usageElement)
            : (AnthropicUsage?)null;
        Finish(stopReason, usage);
    }

    private void WriteWholeReasoning(JsonElement item)
    {
        var thinking = ResponsesOutputItem.ReasoningText(item);
        if (thinking.Length == 0 && ResponsesOutputItem.EncryptedContent(item) is null)
        {
            return;
        }

        OpenThinking(ThinkingSource.Summary, part: 0);
        if (thinking.Length > 0)
        {
            Events.ThinkingDelta(_openIndex, thinking);
        }

        Seal(item);
        CloseOpen();
    }

    private void WriteWholeCall(JsonElement item, int outputIndex)
    {
        if (ResponsesOutputItem.Name(item) is not { } name)
        {
            _context.Notes.Add("Dropped a function call without a name.");
            return;
        }

        OpenTool(item, outputIndex, name);
        WriteArgumentsOf(item);
        CloseOpen();
    }

    /// <summary>The arguments an item carries whole (at its <c>added</c>, or at its <c>done</c> when none were streamed), as one delta.</summary>
    private void WriteArgumentsOf(JsonElement item)
    {
        var arguments = ResponsesOutputItem.Arguments(item);
        var text = arguments.ValueKind switch
        {
            JsonValueKind.String => arguments.GetString(),
            JsonValueKind.Object => arguments.GetRawText(),
            _ => null,
        };
        if (!string.IsNullOrEmpty(text))
        {
            _argumentsStreamed = true;
            Events.InputJsonDelta(_openIndex, text);
        }
    }

    /// <summary>The reasoning item's encrypted content goes on its thinking block, just before the block's stop.</summary>
    private void Seal(JsonElement item)
    {
        if (ResponsesOutputItem.EncryptedContent(item) is { } encrypted)
        {
            Events.SignatureDelta(_openIndex, ResponsesReasoningEnvelope.Wrap(ResponsesOutputItem.String(item, "id"u8), encrypted));
            _thinkingSigned = true;
        }
    }

    private void OpenThinking(ThinkingSource source, int part)
    {
        CloseOpen();
        Open(BlockKind.Thinking);
        _thinkingSource = source;
        _thinkingPart = part;
        _thinkingSigned = false;
        Events.ThinkingBlockStart(_openIndex);
    }

    private void OpenTool(JsonElement item, int outputIndex, string name)
    {
        Open(BlockKind.Tool);
        _toolOutputIndex = outputIndex;
        _toolItemId = ResponsesOutputItem.String(item, "id"u8);
        _argumentsStreamed = false;
        _itemStreamed = true;
        _emittedToolUse = true;
        Events.ToolUseBlockStart(_openIndex, ResponsesOutputItem.ToolUseId(item), _context.ToolNames.ToOriginal(name));
    }

    private void Open(BlockKind kind)
    {
        _open = kind;
        _openIndex = _nextIndex++;
    }

    private void CloseOpen()
    {
        if (_open == BlockKind.None)
        {
            return;
        }

        if (_open == BlockKind.Thinking && !_thinkingSigned && !_notedUnsigned)
        {
            _notedUnsigned = true;
            _context.Notes.Add(ResponsesNotes.Unsigned);
        }

        Events.ContentBlockStop(_openIndex);
        _open = BlockKind.None;
    }


    /// <summary>An index the event gives; -1 when it gives none (or one that is not an integer), as <see cref="ResponsesTextDelta"/> reads it.</summary>
    private static int Index(JsonElement chunk, ReadOnlySpan<byte> name) =>
        chunk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var index) ? index : -1;
}
