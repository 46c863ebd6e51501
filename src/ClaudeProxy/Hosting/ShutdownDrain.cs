using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Hosting;

/// <summary>
/// The drain period of a graceful shutdown. When the host begins to stop (SIGTERM, SIGINT) the
/// gateway is <see cref="Draining"/>: <c>/health</c> answers 503 while the server stops accepting
/// connections and in-flight requests run on. <see cref="Ended"/> fires <see cref="GatewaySettings.ShutdownTimeout"/>
/// later; upstream calls hear it through their <c>UpstreamCallTimer</c> and answer with
/// <c>overloaded_error</c> (an SSE <c>error</c> event for a stream that already started), so no client sees a cut.
/// The host itself waits <see cref="HostMargin"/> longer, which gives those answers time to go out.
/// </summary>
public sealed partial class ShutdownDrain : IDisposable
{
    public const string Message = "gateway shutting down";

    /// <summary>Anthropic's status for <c>overloaded_error</c>; clients retry it, here against a restarted or another gateway.</summary>
    public const int OverloadedStatus = 529;

    /// <summary>How much longer than the drain period the host waits before it aborts what is left.</summary>
    public static readonly TimeSpan HostMargin = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _ended;
    private readonly CancellationTokenRegistration _stopping;
    private readonly TimeSpan _timeout;
    private readonly ILogger<ShutdownDrain> _logger;
    private volatile bool _draining;

    public ShutdownDrain(IHostApplicationLifetime lifetime, GatewaySettings settings, TimeProvider timeProvider, ILogger<ShutdownDrain> logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(settings);
        _timeout = settings.ShutdownTimeout;
        _logger = logger;
        _ended = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _stopping = lifetime.ApplicationStopping.Register(Begin);
    }

    /// <summary>True from the moment the host begins to stop.</summary>
    public bool Draining => _draining;

    /// <summary>Cancelled when the drain period is over.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>The answer to a request whose upstream call the end of the drain period cut short, before anything was sent.</summary>
    public static Task WriteErrorAsync(HttpContext context) =>
        GatewayErrors.WriteAsync(context, OverloadedStatus, AnthropicErrorType.Overloaded, Message);

    public void Dispose()
    {
        _stopping.Dispose();
        _ended.Dispose();
    }

    private void Begin()
    {
        _draining = true;
        LogDraining(_timeout.TotalSeconds);
        _ended.CancelAfter(_timeout);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: no new connections; in-flight requests have {Seconds} s to finish")]
    private partial void LogDraining(double seconds);
}
