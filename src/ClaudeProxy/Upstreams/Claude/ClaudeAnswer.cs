using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// A <c>claude</c> channel's 2xx answer, relayed as it came: a body already read whole, or an
/// event stream read up to its first event and relayed event by event from there. A stream that
/// breaks later ends with an <c>error</c> event; nothing is retried once bytes are out.
/// </summary>
public sealed partial class ClaudeAnswer : IUpstreamAnswer
{
    private readonly HttpResponseMessage _upstream;
    private readonly UpstreamAttempt _attempt;
    private readonly UpstreamCallTimer _timer;
    private readonly ILogger _logger;
    private readonly byte[]? _body;
    private readonly Stream? _stream;
    private readonly int _maxEventBytes;

    private ClaudeAnswer(HttpResponseMessage upstream, UpstreamAttempt attempt, UpstreamCallTimer timer, ILogger logger, byte[]? body, Stream? stream, int maxEventBytes)
    {
        _upstream = upstream;
        _attempt = attempt;
        _timer = timer;
        _logger = logger;
        _body = body;
        _stream = stream;
        _maxEventBytes = maxEventBytes;
    }

    public static ClaudeAnswer Body(HttpResponseMessage upstream, UpstreamAttempt attempt, UpstreamCallTimer timer, ILogger logger, byte[] body) =>
        new(upstream, attempt, timer, logger, body, null, 0);

    public static ClaudeAnswer EventStream(HttpResponseMessage upstream, UpstreamAttempt attempt, UpstreamCallTimer timer, ILogger logger, Stream stream, int maxEventBytes) =>
        new(upstream, attempt, timer, logger, null, stream, maxEventBytes);

    private readonly RelayedStreamTap _tap = new();

    public AnswerOutcome Outcome { get; private set; } = AnswerOutcome.None;

    public async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = (int)_upstream.StatusCode;
        ForwardedHeaders.CopyResponseHeaders(_upstream, response, keepContentLength: false);
        SecretRedactor.Redact(response.Headers, _attempt.ApiKey);
        if (_body is not null)
        {
            Outcome = new AnswerOutcome(AnthropicUsageReader.TryReadMessage(_body, out var usage) ? usage : null);
            response.ContentLength = _body.Length;
            await response.Body.WriteAsync(_body, context.RequestAborted);
            return;
        }

        EventStreamResponse.Begin(context, response.StatusCode);
        try
        {
            await ResponseRelay.CopyAsync(_stream!, response, eventStream: true, _maxEventBytes, _timer, _tap);
            Outcome = new AnswerOutcome(_tap.Usage, _tap.ErrorType, _tap.ErrorMessage);
        }
        catch (Exception ex) when (!_timer.ClientAborted && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            var (errorType, reason) = UpstreamBreak.InStream(_timer, _attempt, ex);
            Outcome = new AnswerOutcome(_tap.Usage, errorType, reason);
            LogBrokenResponse(_attempt.Channel.DisplayName, _attempt.KeyFingerprint, reason);
            await response.Body.WriteAsync(AnthropicSseErrorEvent.ToUtf8Bytes(errorType, reason), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }

    public void Dispose() => _stream?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} key {Key}: {Reason}")]
    private partial void LogBrokenResponse(string channel, string key, string reason);
}
