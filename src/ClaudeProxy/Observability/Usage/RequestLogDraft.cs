using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Upstreams;

namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// A request's log entry while the attempt loop runs: each attempt is added as it ends, the
/// answer's outcome when one was written, and <see cref="Finish"/> turns it into the entry the
/// usage store keeps, with what the client finally received, and the instance that served it.
/// </summary>
public sealed class RequestLogDraft(ProxyRequest request, DateTimeOffset time, string instance)
{
    /// <summary>The status logged for a client that went away before its answer was complete (nginx's convention).</summary>
    public const int ClientClosedStatus = 499;

    private readonly List<AttemptLogEntry> _attempts = [];
    private UpstreamAttempt? _last;
    private AnswerOutcome? _outcome;
    private TimeSpan? _timeToFirstByte;
    private UpstreamFailure? _failure;

    /// <summary>An attempt ended; <paramref name="failure"/> is null when it succeeded.</summary>
    public void Attempt(UpstreamAttempt attempt, int? status, UpstreamFailure? failure, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        _last = attempt;
        _failure = failure;
        var errorType = failure is null ? null : ErrorOf(failure).Type;
        _attempts.Add(new AttemptLogEntry(attempt.Channel.DisplayName, attempt.KeyFingerprint, status, errorType, latency.TotalMilliseconds));
    }

    /// <summary>The last attempt's answer was written.</summary>
    public void Answered(TimeSpan timeToFirstByte, AnswerOutcome outcome)
    {
        _timeToFirstByte = timeToFirstByte;
        _outcome = outcome;
        _failure = null;
    }

    /// <summary>The entry for what the client received; <paramref name="cost"/> prices the usage by the mapped model.</summary>
    public RequestLogEntry Finish(HttpContext context, TimeSpan latency, Func<string, AnthropicUsage, double?> cost)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cost);
        var response = context.Response;
        var mappedModel = _last is null || request.Peek.Model is null ? null : ModelMapper.Map(_last.Channel.Config.ModelMapping, request.Peek.Model);
        var usage = _outcome?.Usage;
        var status = context.RequestAborted.IsCancellationRequested && _outcome is null ? ClientClosedStatus : response.StatusCode;
        var (errorType, errorMessage) = (_outcome, _failure) switch
        {
            ({ ErrorType: { } type } outcome, _) => (type, outcome.ErrorMessage),
            (null, { } failure) => ErrorOf(failure),
            _ when status == ClientClosedStatus => ("client_closed", "The client went away before its answer was complete."),
            _ when status >= 400 => (AnthropicErrorType.ForStatus(status), null),
            _ => (null, null),
        };
        return new RequestLogEntry
        {
            Time = time,
            RequestId = response.Headers["request-id"].FirstOrDefault() ?? request.RequestId,
            Path = request.ClientPath,
            Model = request.Peek.Model,
            MappedModel = mappedModel,
            Channel = _last?.Channel.DisplayName,
            ChannelId = _last?.Channel.Id,
            ServiceType = _last?.Channel.ServiceType,
            Key = _last?.KeyFingerprint,
            Status = status,
            ErrorType = errorType,
            ErrorMessage = errorMessage,
            Stream = request.IsStreaming,
            LatencyMs = latency.TotalMilliseconds,
            TtfbMs = _timeToFirstByte?.TotalMilliseconds,
            InputTokens = usage?.InputTokens ?? 0,
            OutputTokens = usage?.OutputTokens ?? 0,
            CacheReadTokens = usage?.CacheReadInputTokens ?? 0,
            CacheCreationTokens = usage?.CacheCreationInputTokens ?? 0,
            CostUsd = usage is { } known && mappedModel is not null ? cost(mappedModel, known) : null,
            Attempts = _attempts,
            Instance = instance,
        };
    }

    /// <summary>The error type and (already redacted) message a failure's envelope carries.</summary>
    private static (string? Type, string? Message) ErrorOf(UpstreamFailure failure) =>
        AnthropicErrorEnvelope.TryReadError(failure.Envelope, out var type, out var message)
            ? (type ?? AnthropicErrorType.ForStatus(failure.Status), message)
            : (AnthropicErrorType.ForStatus(failure.Status), null);
}
