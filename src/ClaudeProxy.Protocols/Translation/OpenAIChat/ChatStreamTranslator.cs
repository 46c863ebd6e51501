using System.Buffers;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>
/// Turns a Chat Completions chunk stream into an Anthropic Messages event stream, chunk by chunk.
/// Blocks get contiguous indices and never overlap; text and reasoning stream
/// as they arrive; a tool call opens once its name is known and streams its arguments live, while
/// calls interleaved with it wait until its arguments are complete JSON; usage and the finish
/// reason are held until the end. A stream that stops with neither <c>[DONE]</c> nor a finish
/// reason ends in an <c>error</c> event, never a made-up <c>end_turn</c>.
/// </summary>
public sealed class ChatStreamTranslator : AnthropicStreamTranslator
{
    private const int StackScratchBytes = 512;

    private readonly ChatResponseContext _context;
    private readonly List<ToolCallState> _calls = [];
    private readonly Dictionary<int, ToolCallState> _callByIndex = [];
    private readonly StringBuilder _heldText = new();
    private BlockKind _open;
    private int _openIndex;
    private ToolCallState? _openTool;
    private int _nextIndex;
    private int _lastFragmentIndex;
    private bool _emittedToolUse;
    private bool _refused;
    private string? _finishReason;
    private AnthropicUsage? _usage;

    public ChatStreamTranslator(IBufferWriter<byte> output, ChatResponseContext context)
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

    /// <summary><c>[DONE]</c> ends the stream, with whatever finish reason came before it.</summary>
    protected override bool TryHandleMarker(ReadOnlySpan<byte> data)
    {
        if (!data.Trim(" \t\r\n"u8).SequenceEqual("[DONE]"u8))
        {
            return false;
        }

        Finish();
        return true;
    }

    protected override void OnEndOfStream()
    {
        if (_finishReason is not null)
        {
            Finish();
            return;
        }

        Fail(AnthropicErrorType.Api, "The upstream stream ended prematurely (no finish reason and no [DONE]).");
    }

    /// <summary>
    /// A chunk of text (perhaps with its finish reason) while no tool call or thinking block is open:
    /// its text goes from the chunk's bytes to the event, with no document and no string.
    /// </summary>
    protected override bool TryTranslateCommonChunk(ReadOnlySpan<byte> data)
    {
        if (_open is not (BlockKind.None or BlockKind.Text) || !ChatTextChunk.TryRead(data, out var chunk))
        {
            return false;
        }

        // Everything that can turn the chunk down is checked before anything is written.
        string? finishReason = null;
        if (chunk.FinishReason is { } finish && !finish.TryGetString(data, out finishReason))
        {
            return false;
        }

        if (chunk.Content is { Length: > 0 } content)
        {
            byte[]? rented = null;
            var scratch = !content.IsEscaped ? default
                : content.Length <= StackScratchBytes ? stackalloc byte[StackScratchBytes]
                : (rented = ArrayPool<byte>.Shared.Rent(content.Length));
            try
            {
                if (!content.TryDecode(data, scratch, out var text))
                {
                    return false;
                }

                if (_open == BlockKind.None)
                {
                    _openIndex = _nextIndex++;
                    _open = BlockKind.Text;
                    Events.TextBlockStart(_openIndex);
                }

                Events.TextDelta(_openIndex, text);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        if (finishReason is not null)
        {
            _finishReason = finishReason;
        }

        return true;
    }

    protected override void OnChunk(JsonElement chunk)
    {
        if (chunk.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (chunk.TryGetProperty("error"u8, out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
        {
            var (errorType, message) = ChatErrorTranslator.FromStreamPayload(error);
            Fail(errorType, message);
            return;
        }

        if (chunk.TryGetProperty("choices"u8, out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            if (choice.TryGetProperty("delta"u8, out var delta) && delta.ValueKind == JsonValueKind.Object)
            {
                HandleDelta(delta);
            }

            // A chunk may carry content and its finish reason together: content first, then the finish.
            if (choice.TryGetProperty("finish_reason"u8, out var finish) && finish.ValueKind == JsonValueKind.String)
            {
                _finishReason = finish.GetString();
            }
        }

        if (chunk.TryGetProperty("usage"u8, out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            _usage = ChatUsage.From(usage);
        }
    }

    private void HandleDelta(JsonElement delta)
    {
        foreach (var field in ReasoningFields)
        {
            if (delta.TryGetProperty(field, out var reasoning) && reasoning.ValueKind == JsonValueKind.String && reasoning.GetString() is { Length: > 0 } thinking)
            {
                OnReasoning(thinking);
                break;
            }
        }

        // Route by the fields present, never by "has a tool_calls key": tool_calls: [] may sit next to text.
        if (delta.TryGetProperty("content"u8, out var content) && content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } text)
        {
            OnText(text);
        }

        // A refusal streams as text and ends the message with stop_reason "refusal", as in a non-stream response.
        if (delta.TryGetProperty("refusal"u8, out var refusal) && refusal.ValueKind == JsonValueKind.String && refusal.GetString() is { Length: > 0 } refusalText)
        {
            _refused = true;
            OnText(refusalText);
        }

        if (delta.TryGetProperty("tool_calls"u8, out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (var fragment in toolCalls.EnumerateArray())
            {
                OnToolFragment(fragment);
            }
        }
    }

    private static readonly string[] ReasoningFields = ["reasoning_content", "reasoning"];


    private void OnReasoning(string thinking)
    {
        if (_open != BlockKind.Thinking)
        {
            CloseOpen();
            if (_open != BlockKind.None)
            {
                // Closing a call released held text into a new text block; it ends before the thinking starts.
                CloseOpen();
            }

            _openIndex = _nextIndex++;
            _open = BlockKind.Thinking;
            Events.ThinkingBlockStart(_openIndex);
        }

        Events.ThinkingDelta(_openIndex, thinking);
    }

    private void OnText(string text)
    {
        if (_open == BlockKind.Text)
        {
            Events.TextDelta(_openIndex, text);
            return;
        }

        if (_open == BlockKind.Tool && !_openTool!.ArgumentsComplete())
        {
            // The call is still streaming its arguments: the text follows once it is done.
            _heldText.Append(text);
            return;
        }

        CloseOpen();
        if (_open == BlockKind.Text)
        {
            // Closing the call released held text into a new text block: continue it rather than open a second, overlapping one.
            Events.TextDelta(_openIndex, text);
            return;
        }

        OpenText(text);
    }

    private void OnToolFragment(JsonElement fragment)
    {
        if (fragment.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var index = fragment.TryGetProperty("index"u8, out var indexElement) && indexElement.TryGetInt32(out var i) ? i : _lastFragmentIndex;
        _lastFragmentIndex = index;
        var id = fragment.TryGetProperty("id"u8, out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        string? name = null;
        string? arguments = null;
        if (fragment.TryGetProperty("function"u8, out var function) && function.ValueKind == JsonValueKind.Object)
        {
            name = function.TryGetProperty("name"u8, out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : null;
            if (function.TryGetProperty("arguments"u8, out var argumentsElement))
            {
                // Some servers send the arguments whole, as an object rather than a string; others send
                // "arguments": null on fragments that carry none, which must not become the text "null".
                arguments = argumentsElement.ValueKind switch
                {
                    JsonValueKind.String => argumentsElement.GetString(),
                    JsonValueKind.Object => argumentsElement.GetRawText(),
                    _ => null,
                };
            }
        }

        var call = _callByIndex.GetValueOrDefault(index);
        if (call is null || (id is { Length: > 0 } && call.UpstreamId is { Length: > 0 } && id != call.UpstreamId))
        {
            // A new index, or a new id on a used index (servers that put every call at index 0).
            call = new ToolCallState(id, string.IsNullOrEmpty(name) ? null : name);
            _calls.Add(call);
            _callByIndex[index] = call;
        }
        else
        {
            if (call.UpstreamId is null && !call.Started && !string.IsNullOrEmpty(id))
            {
                call.UpstreamId = id;
            }

            if (call.Name is null && !string.IsNullOrEmpty(name))
            {
                call.Name = name;
            }
        }

        if (!string.IsNullOrEmpty(arguments))
        {
            if (call.Closed)
            {
                if (!string.IsNullOrWhiteSpace(arguments))
                {
                    _context.Notes.Add($"Dropped arguments that arrived for tool call '{call.Name}' after it was complete.");
                }
            }
            else
            {
                call.AppendArguments(arguments);
                if (ReferenceEquals(_openTool, call))
                {
                    Events.InputJsonDelta(_openIndex, arguments);
                }
            }
        }

        OpenPendingTools();
    }

    /// <summary>Opens waiting calls (in the order they first appeared) while nothing blocks them.</summary>
    private void OpenPendingTools()
    {
        while (_calls.Find(c => !c.Started && c.Name is not null) is { } next)
        {
            if (_open == BlockKind.Tool && !_openTool!.ArgumentsComplete())
            {
                return;
            }

            CloseOpen();
            if (_open != BlockKind.None)
            {
                // Held text was released into a new text block; it gives way to the call.
                CloseOpen();
            }

            OpenTool(next);
        }
    }

    private void OpenTool(ToolCallState call)
    {
        call.Started = true;
        _openIndex = _nextIndex++;
        _open = BlockKind.Tool;
        _openTool = call;
        _emittedToolUse = true;
        Events.ToolUseBlockStart(_openIndex, ToolUseIds.Sanitize(call.UpstreamId), _context.ToolNames.ToOriginal(call.Name!));
        if (call.Arguments.Length > 0)
        {
            Events.InputJsonDelta(_openIndex, call.Arguments.ToString());
        }
    }

    private void OpenText(string text)
    {
        _openIndex = _nextIndex++;
        _open = BlockKind.Text;
        Events.TextBlockStart(_openIndex);
        Events.TextDelta(_openIndex, text);
    }

    /// <summary>Closes the open block. Text held back while a call streamed opens as a text block right after it.</summary>
    private void CloseOpen()
    {
        if (_open == BlockKind.None)
        {
            return;
        }

        Events.ContentBlockStop(_openIndex);
        var closedTool = _open == BlockKind.Tool;
        if (closedTool)
        {
            _openTool!.Closed = true;
            _openTool = null;
        }

        _open = BlockKind.None;
        if (closedTool && _heldText.Length > 0)
        {
            var text = _heldText.ToString();
            _heldText.Clear();
            OpenText(text);
        }
    }

    private void Finish()
    {
        CloseOpen();
        CloseOpen();
        foreach (var call in _calls.Where(c => !c.Started))
        {
            if (call.Name is null)
            {
                _context.Notes.Add("Dropped a streamed tool call whose function name never arrived.");
                continue;
            }

            OpenTool(call);
            CloseOpen();
            CloseOpen();
        }

        if (_heldText.Length > 0)
        {
            var text = _heldText.ToString();
            _heldText.Clear();
            OpenText(text);
            CloseOpen();
        }

        Finish(_refused ? "refusal" : ChatFinishReason.ToStopReason(_finishReason, _emittedToolUse), _usage);
    }

    private sealed class ToolCallState(string? upstreamId, string? name)
    {
        private readonly JsonBalance _balance = new();
        private int _checkedLength = -1;
        private bool _checkedComplete;

        public string? UpstreamId { get; set; } = upstreamId;

        public string? Name { get; set; } = name;

        public StringBuilder Arguments { get; } = new();

        public bool Started { get; set; }

        public bool Closed { get; set; }

        public void AppendArguments(string fragment)
        {
            Arguments.Append(fragment);
            _balance.Append(fragment);
        }

        /// <summary>
        /// True when the arguments so far form one complete JSON value (only then may another block take
        /// over). Asked on every delta while another call or text waits, so the full parse runs only when
        /// the brackets balance, and at most once per length.
        /// </summary>
        public bool ArgumentsComplete()
        {
            if (!_balance.MayBeComplete)
            {
                return false;
            }

            if (_checkedLength != Arguments.Length)
            {
                _checkedLength = Arguments.Length;
                _checkedComplete = IsOneJsonValue(Arguments.ToString());
            }

            return _checkedComplete;
        }

        private static bool IsOneJsonValue(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            try
            {
                var reader = new Utf8JsonReader(bytes);
                if (!reader.Read())
                {
                    return false;
                }

                reader.Skip();
                return !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
