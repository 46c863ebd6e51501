using System.Buffers;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// What every translated stream does the same way, whatever the upstream protocol: the opening
/// <c>message_start</c> and <c>ping</c>, chunks that are not JSON skipped with a note, one
/// terminal event (<c>message_stop</c> after a <c>message_delta</c>, or an <c>error</c>) after which
/// input is ignored. A subclass reads the upstream's chunks and decides how the stream ends.
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

    protected AnthropicEventWriter Events { get; }

    public void Start()
    {
        Events.MessageStart(_messageId, _requestedModel, AnthropicUsage.Zero);
        Events.Ping();
    }

    public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
    {
        if (IsFinished)
        {
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
            OnChunk(chunk.RootElement);
        }
    }

    public abstract void Complete();

    public void Fail(string errorType, string message)
    {
        if (IsFinished)
        {
            return;
        }

        Events.Error(errorType, message);
        IsFinished = true;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>One upstream event whose data parsed as JSON; called only while the stream is not finished.</summary>
    protected abstract void OnChunk(JsonElement chunk);

    /// <summary>Writes <c>message_delta</c> (stop reason and final usage) and <c>message_stop</c>; nothing more is written after it.</summary>
    protected void Finish(string stopReason, AnthropicUsage usage)
    {
        Events.MessageDelta(stopReason, usage);
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
