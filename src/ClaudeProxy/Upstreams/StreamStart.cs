namespace ClaudeProxy.Upstreams;

/// <summary>What one event at the start of a 2xx stream shows, as a protocol's <see cref="StreamStartProbe"/> reads it.</summary>
public enum StreamStart
{
    /// <summary>Nothing yet (a message start, a ping, a usage-only chunk): keep reading before committing.</summary>
    Undecided,

    /// <summary>Content or a stop reason: the answer has arrived; commit.</summary>
    Answer,

    /// <summary>An error event: the attempt failed; nothing has reached the client.</summary>
    Error,
}

/// <summary>Reads one complete event of a 2xx stream before it is committed.</summary>
public delegate StreamStart StreamStartProbe(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data);

/// <summary>Whether one event's data carries the answer (content or a stop reason), in a translating channel's protocol.</summary>
public delegate bool StreamAnswerTest(ReadOnlySpan<byte> data);

/// <summary>How every protocol judges an event at the start of a stream, from its error reader and its answer test.</summary>
public static class StreamStartJudge
{
    /// <summary>An error event first (it fails over), then a chunk that carries the answer (it commits); anything else waits.</summary>
    public static StreamStart Judge(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data, StreamStartError.Reader readError, StreamAnswerTest carriesAnswer) =>
        readError(eventName, data) is not null ? StreamStart.Error
        : carriesAnswer(data) ? StreamStart.Answer
        : StreamStart.Undecided;
}
