namespace ClaudeProxy.Upstreams;

/// <summary>
/// A 2xx upstream answer that has arrived (a non-stream body read whole and readable, or a
/// stream's first event): all that is left is writing it to the client, which commits the response.
/// Disposing releases what was read ahead; the forwarder disposes it after writing.
/// </summary>
public interface IUpstreamAnswer : IDisposable
{
    /// <summary>Writes the answer to the client, translated where the channel translates.</summary>
    Task WriteAsync(HttpContext context);

    /// <summary>What the written answer carried (tokens) and how it ended; complete once <see cref="WriteAsync"/> returned.</summary>
    AnswerOutcome Outcome { get; }
}
