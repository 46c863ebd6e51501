using ClaudeProxy.Configuration;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// The deadlines of one upstream call. Non-streaming: one total deadline (a non-stream call sends
/// its headers only when generation is done). Streaming: a deadline for the response headers, then
/// an idle deadline renewed by every read, and no total limit. The end of a shutdown's drain period
/// cancels the call too (<see cref="ShuttingDown"/>).
/// </summary>
public sealed class UpstreamCallTimer : IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _clientAborted;
    private readonly CancellationToken _drainEnded;
    private readonly TimeSpan _idleTimeout;
    private readonly bool _streaming;

    public UpstreamCallTimer(bool streaming, GatewaySettings settings, TimeProvider timeProvider, CancellationToken clientAborted, CancellationToken drainEnded = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _streaming = streaming;
        _idleTimeout = settings.StreamIdleTimeout;
        _clientAborted = clientAborted;
        _drainEnded = drainEnded;
        CurrentLimit = streaming ? settings.ResponseHeaderTimeout : settings.RequestTimeout;
        _deadline = new CancellationTokenSource(CurrentLimit, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, _deadline.Token, drainEnded);
    }

    /// <summary>Cancelled when the client goes away, the current deadline passes or the shutdown drain period ends.</summary>
    public CancellationToken Token => _linked.Token;

    public bool ClientAborted => _clientAborted.IsCancellationRequested;

    /// <summary>True when the cancellation came from a deadline, not from the client.</summary>
    public bool TimedOut => _deadline.IsCancellationRequested && !_clientAborted.IsCancellationRequested;

    /// <summary>True when the cancellation came from the end of the shutdown drain period: answer <c>overloaded_error</c>.</summary>
    public bool ShuttingDown => _drainEnded.IsCancellationRequested && !_clientAborted.IsCancellationRequested;

    /// <summary>The deadline in force, for error messages.</summary>
    public TimeSpan CurrentLimit { get; private set; }

    /// <summary>The upstream answered; a stream now runs on the idle deadline.</summary>
    public void HeadersReceived() => DataReceived();

    /// <summary>Bytes arrived; a stream's idle deadline starts again.</summary>
    public void DataReceived()
    {
        if (_streaming && !_deadline.IsCancellationRequested)
        {
            CurrentLimit = _idleTimeout;
            _deadline.CancelAfter(_idleTimeout);
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _deadline.Dispose();
    }
}
