using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams.Passthrough;

/// <summary>
/// A 2xx answer already in the client's protocol, relayed as it came: a body read whole, or an event
/// stream from its first event on, watched for the usage log. A stream that breaks later ends with the
/// protocol's own error event; nothing is retried once bytes are out.
/// </summary>
internal sealed partial class PassthroughAnswer : IUpstreamAnswer
{
    private readonly HttpResponseMessage _upstream;
    private readonly IPassthroughProtocol _protocol;
    private readonly UpstreamAttempt _attempt;
    private readonly UpstreamCallTimer _timer;
    private readonly ILogger _logger;
    private readonly byte[]? _body;
    private readonly Stream? _stream;
    private readonly int _maxEventBytes;

    private PassthroughAnswer(HttpResponseMessage upstream, IPassthroughProtocol protocol, UpstreamAttempt attempt, UpstreamCallTimer timer, ILogger logger, byte[]? body, Stream? stream, int maxEventBytes)
    {
        _upstream = upstream;
        _protocol = protocol;
        _attempt = attempt;
        _timer = timer;
        _logger = logger;
        _body = body;
        _stream = stream;
        _maxEventBytes = maxEventBytes;
    }

    public AnswerOutcome Outcome { get; private set; } = AnswerOutcome.None;

    public static PassthroughAnswer Body(HttpResponseMessage upstream, IPassthroughProtocol protocol, UpstreamAttempt attempt, UpstreamCallTimer timer, ILogger logger, byte[] body) =>
        new(upstream, protocol, attempt, timer, logger, body, null, 0);

    public static PassthroughAnswer EventStream(HttpResponseMessage upstream, IPassthroughProtocol protocol, UpstreamAttempt attempt, UpstreamCallTimer timer, ILogger logger, Stream stream, int maxEventBytes) =>
        new(upstream, protocol, attempt, timer, logger, null, stream, maxEventBytes);

    public async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Features.Get<IDoorPassthroughFeature>()?.PassThrough();
        var response = context.Response;
        response.StatusCode = (int)_upstream.StatusCode;
        if (_body is not null)
        {
            Outcome = new AnswerOutcome(_protocol.ReadUsage(_body));
            response.ContentType = "application/json";
            response.ContentLength = _body.Length;
            await response.Body.WriteAsync(_body, context.RequestAborted);
            return;
        }

        EventStreamResponse.Begin(context, response.StatusCode);
        var tap = _protocol.CreateTap();
        try
        {
            await ResponseRelay.CopyAsync(_stream!, response, eventStream: true, _maxEventBytes, _timer, tap);
            Outcome = new AnswerOutcome(tap.Usage, tap.ErrorType, tap.ErrorMessage);
        }
        catch (Exception ex) when (!_timer.ClientAborted && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            var (errorType, reason) = UpstreamBreak.InStream(_timer, _attempt, ex);
            Outcome = new AnswerOutcome(tap.Usage, errorType, reason);
            LogBrokenResponse(_attempt.Channel.DisplayName, _attempt.KeyFingerprint, reason);
            await response.Body.WriteAsync(_protocol.StreamErrorEvent(errorType, SecretRedactor.Redact(reason, _attempt.ApiKey)), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }

    public void Dispose() => _stream?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} key {Key}: {Reason}")]
    private partial void LogBrokenResponse(string channel, string key, string reason);
}
