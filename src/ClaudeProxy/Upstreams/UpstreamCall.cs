namespace ClaudeProxy.Upstreams;

/// <summary>
/// One attempt's call to an upstream: the request message it sends, and whatever building that
/// request left behind for reading the answer (the translated body's buffer, the tool names to map
/// back). The forwarder sends <see cref="Message"/>, hands the response back here, and disposes the
/// call when the attempt is over.
/// </summary>
public abstract class UpstreamCall : IDisposable
{
    protected UpstreamCall(HttpRequestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
    }

    public HttpRequestMessage Message { get; }

    /// <summary>
    /// Reads a 2xx upstream response up to its commit point — a non-stream body whole and readable, a
    /// stream's first event — without writing to the client. A body that breaks, times out, passes a
    /// limit or cannot be read throws (<see cref="IOException"/>, <see cref="HttpRequestException"/>,
    /// <see cref="OperationCanceledException"/>, <see cref="System.Text.Json.JsonException"/>), and the
    /// attempt fails over like a 5xx.
    /// </summary>
    public abstract Task<ReceivedAnswer> ReceiveAsync(HttpResponseMessage upstream, UpstreamCallTimer timer);

    /// <summary>Turns a non-2xx upstream response into the client's error, classified for routing.</summary>
    public abstract Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Message.Dispose();
        }
    }
}
