using System.Buffers;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// Turns a <c>streamGenerateContent?alt=sse</c> stream (each event one whole
/// <c>GenerateContentResponse</c> with the next parts; no end marker) into an Anthropic Messages
/// event stream, chunk by chunk. The stream ends at EOF: with the finish reason the last chunk
/// gave, with <c>end_turn</c> when Gemini left the reason out after an answer of thoughts only, and
/// otherwise — the answer was cut off — with an <c>error</c> event, never a made-up <c>end_turn</c>.
/// An error object inside the stream ends it with an <c>error</c> event too.
/// </summary>
public sealed class GeminiStreamTranslator : AnthropicStreamTranslator
{
    private const int StackScratchBytes = 512;

    private readonly GeminiResponseContext _context;
    private readonly GeminiAnswerReader _reader;

    public GeminiStreamTranslator(IBufferWriter<byte> output, GeminiResponseContext context)
        : base(output, context?.MessageId ?? throw new ArgumentNullException(nameof(context)), context.RequestedModel, context.Notes)
    {
        _context = context;
        _reader = new GeminiAnswerReader(new EventSink(Events), context);
    }

    protected override void OnEndOfStream()
    {
        if (_reader.FinishReason is not null || _reader.PromptBlocked)
        {
            Finish();
            return;
        }

        if (_reader is { EmittedThinking: true, EmittedText: false, EmittedToolUse: false })
        {
            // Gemini may leave finishReason out after thought-only output; the stream itself ended cleanly.
            _context.Notes.Add("The stream ended after thoughts only, without a finish reason; ended the turn as end_turn.");
            Finish();
            return;
        }

        Fail(AnthropicErrorType.Api, "The upstream stream ended prematurely (no finish reason).");
    }

    /// <summary>A chunk of one plain text part (and usage): its text goes from the chunk's bytes to the event, with no document and no string.</summary>
    protected override bool TryTranslateCommonChunk(ReadOnlySpan<byte> data)
    {
        if (!GeminiTextChunk.TryRead(data, out var chunk))
        {
            return false;
        }

        if (chunk.Text is { Length: > 0 } part)
        {
            byte[]? rented = null;
            var scratch = !part.IsEscaped ? default
                : part.Length <= StackScratchBytes ? stackalloc byte[StackScratchBytes]
                : (rented = ArrayPool<byte>.Shared.Rent(part.Length));
            try
            {
                // Checked before anything is written: text the general path would reject stays its to reject.
                if (!part.TryDecode(data, scratch, out var text))
                {
                    return false;
                }

                Events.TextDelta(_reader.OpenText(signature: null), text);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        if (chunk.Usage is { } usage)
        {
            // Repeated on every chunk: the last one counts.
            _reader.Usage = usage;
        }

        return true;
    }

    protected override void OnChunk(JsonElement chunk)
    {
        if (chunk.ValueKind == JsonValueKind.Object && chunk.TryGetProperty("error"u8, out var error))
        {
            var (errorType, message) = GeminiErrorTranslator.FromStreamPayload(error);
            Fail(errorType, message);
            return;
        }

        _reader.Read(chunk);
    }

    private void Finish()
    {
        _reader.Close();
        Finish(_reader.StopReason, _reader.Usage);
    }

    private sealed class EventSink(AnthropicEventWriter events) : IAnthropicContentSink
    {
        public void ThinkingStart(int index) => events.ThinkingBlockStart(index);

        public void ThinkingDelta(int index, string thinking) => events.ThinkingDelta(index, thinking);

        public void SignatureDelta(int index, string signature) => events.SignatureDelta(index, signature);

        public void TextStart(int index) => events.TextBlockStart(index);

        public void TextDelta(int index, string text) => events.TextDelta(index, text);

        public void ToolUse(int index, string id, string name, JsonElement input)
        {
            events.ToolUseBlockStart(index, id, name);

            // A Gemini call arrives whole: its arguments go out as one complete JSON delta.
            events.InputJsonDelta(index, input.ValueKind == JsonValueKind.Object ? input.GetRawText() : "{}");
        }

        public void BlockStop(int index) => events.ContentBlockStop(index);
    }
}
