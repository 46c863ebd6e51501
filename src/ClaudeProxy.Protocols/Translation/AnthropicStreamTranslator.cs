using System.Buffers;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// What every translated stream does the same way, whatever the upstream protocol: the opening
/// <c>message_start</c> and <c>ping</c>, chunks that are not JSON skipped with a note, chunks of JSON
/// of an unexpected shape ending the stream with an <c>error</c> event, one
/// terminal event (<c>message_stop</c> after a <c>message_delta</c>, or an <c>error</c>) after which
/// input is ignored, and a note when the upstream never reported usage. A subclass reads the
/// upstream's chunks and decides how the stream ends.
/// </summary>
public abstract class AnthropicStreamTranslator : IAnthropicStreamTranslator
{
    private readonly string _messageId;
    private readonly string _requestedModel;
    private readonly List<string> _notes;

    protected AnthropicStreamTranslator(IBufferWriter<byte> output, string messageId, string requestedModel, List<string> notes)
    {
        Events = new AnthropicEventWriter(output);
        _messageId = messageId;
        _requestedModel = requestedModel;
        _notes = notes;
    }

    public bool IsFinished { get; private set; }

    /// <inheritdoc/>
    public AnthropicUsage? Usage { get; private set; }

    protected AnthropicEventWriter Events { get; }

    /// <summary>
    /// Applied to every error message before it is written (the messages often quote the upstream,
    /// which may echo its key): the host redacts secrets here.
    /// </summary>
    public Func<string, string>? ErrorMessageFilter { get; init; }

    /// <summary>False sends every chunk through the document path: the reference the direct reading is tested against.</summary>
    internal bool ReadsCommonChunksDirectly { get; init; } = true;

    /// <summary>How many chunks took the direct path, so tests can tell it was taken.</summary>
    internal int ChunksReadDirectly { get; private set; }

    public void Start()
    {
        Events.MessageStart(_messageId, _requestedModel, AnthropicUsage.Zero);
        Events.Ping();
    }

    public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
    {
        if (IsFinished || TryHandleMarker(data.Span))
        {
            return;
        }

        if (ReadsCommonChunksDirectly && TryTranslateCommonChunk(data.Span))
        {
            ChunksReadDirectly++;
            return;
        }

        JsonDocument chunk;
        try
        {
            chunk = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            _notes.Add("Skipped a stream chunk that is not JSON.");
            return;
        }

        using (chunk)
        {
            try
            {
                OnChunk(chunk.RootElement);
            }
            catch (Exception ex) when (UpstreamShape.IsMismatch(ex))
            {
                // JSON of the wrong shape (a string where an object belongs, …): what this chunk left half
                // done cannot be trusted, so the stream ends with an error instead of guessing on.
                _notes.Add($"A stream chunk did not have the shape this translator reads: {ex.Message}");
                Fail(AnthropicErrorType.Api, "The upstream sent a stream chunk this gateway cannot read; the answer is incomplete.");
            }
        }
    }

    public void Complete()
    {
        if (!IsFinished)
        {
            OnEndOfStream();
        }
    }

    public void Fail(string errorType, string message)
    {
        if (IsFinished)
        {
            return;
        }

        Events.Error(errorType, ErrorMessageFilter is { } filter ? filter(message) : message);
        IsFinished = true;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// An event whose data is a marker rather than JSON (OpenAI's <c>[DONE]</c>); true when it was
    /// one and has been handled. Called only while the stream is not finished.
    /// </summary>
    protected virtual bool TryHandleMarker(ReadOnlySpan<byte> data) => false;

    /// <summary>
    /// Translates a chunk of the plain, common shape (a piece of text) straight from its bytes, without
    /// building a document; false, with nothing written and no state changed, sends the chunk on to
    /// <see cref="OnChunk"/>. It must write exactly what <see cref="OnChunk"/> would, and take only chunks
    /// that are whole, valid JSON. Called only while the stream is not finished.
    /// </summary>
    protected virtual bool TryTranslateCommonChunk(ReadOnlySpan<byte> data) => false;

    /// <summary>One upstream event whose data parsed as JSON; called only while the stream is not finished.</summary>
    protected abstract void OnChunk(JsonElement chunk);

    /// <summary>The upstream body ended cleanly before the stream finished: finish it, or fail it if the answer was cut off.</summary>
    protected abstract void OnEndOfStream();

    /// <summary>
    /// Writes <c>message_delta</c> (stop reason and final usage) and <c>message_stop</c>; nothing more
    /// is written after it. Usage the upstream never reported goes out as zeros, with a note.
    /// </summary>
    protected void Finish(string stopReason, AnthropicUsage? usage)
    {
        if (usage is null)
        {
            _notes.Add("The upstream stream reported no usage; token counts are 0.");
        }

        Usage = usage;
        Events.MessageDelta(stopReason, usage ?? AnthropicUsage.Zero);
        Events.MessageStop();
        IsFinished = true;
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Events.Dispose();
        }
    }
}
