using System.Text.Json;
using ClaudeProxy.Hosting;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// What the client is told when an upstream stops short — before it answered, after a 2xx but before
/// its answer was complete, or in the middle of a stream already committed to the client. The
/// exception's text is kept (it is what helps) with the attempt's key redacted from it.
/// </summary>
public static class UpstreamBreak
{
    /// <summary>No answer at all: the connection failed or the answer did not start in time. Another attempt may follow.</summary>
    public static UpstreamFailure BeforeAnswer(UpstreamAttempt attempt, string requestId, UpstreamCallTimer timer, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(exception);
        var channel = attempt.Channel.DisplayName;
        if (timer.TimedOut)
        {
            return Failure(FailureKind.Timeout, StatusCodes.Status504GatewayTimeout, AnthropicErrorType.Timeout,
                $"Upstream channel '{channel}' did not answer within {timer.CurrentLimit.TotalSeconds:0} s.", attempt, requestId);
        }

        return Failure(FailureKind.Network, StatusCodes.Status502BadGateway, AnthropicErrorType.Api,
            $"Could not reach upstream channel '{channel}': {exception.InnerException?.Message ?? exception.Message}", attempt, requestId);
    }

    /// <summary>A 2xx whose answer never arrived whole: it broke, timed out or could not be read before anything reached the client.</summary>
    public static UpstreamFailure InAnswer(UpstreamAttempt attempt, string requestId, UpstreamCallTimer timer, int status, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(exception);
        var channel = attempt.Channel.DisplayName;
        var (kind, clientStatus, errorType, message) = exception switch
        {
            _ when timer.TimedOut => (FailureKind.Timeout, StatusCodes.Status504GatewayTimeout, AnthropicErrorType.Timeout,
                $"Upstream channel '{channel}' answered HTTP {status} but did not deliver its answer within {timer.CurrentLimit.TotalSeconds:0} s."),
            EmptyAnswerException => (FailureKind.Transient, StatusCodes.Status502BadGateway, AnthropicErrorType.Api,
                $"Upstream channel '{channel}' answered HTTP {status} with an empty answer: {exception.Message}."),
            JsonException => (FailureKind.Transient, StatusCodes.Status502BadGateway, AnthropicErrorType.Api,
                $"Upstream channel '{channel}' answered HTTP {status} with a body this gateway cannot read: {exception.Message}"),
            _ => (FailureKind.Network, StatusCodes.Status502BadGateway, AnthropicErrorType.Api,
                $"Upstream channel '{channel}' answered HTTP {status} but its answer broke off: {exception.Message}"),
        };
        return Failure(kind, clientStatus, errorType, message, attempt, requestId);
    }

    /// <summary>
    /// Why a committed stream ended early, for its <c>error</c> event: the gateway is shutting down
    /// (<c>overloaded_error</c>, which clients retry), no complete event came within the idle deadline
    /// (<c>timeout_error</c>), or the upstream broke off (<c>api_error</c>).
    /// </summary>
    public static (string ErrorType, string Reason) InStream(UpstreamCallTimer timer, UpstreamAttempt attempt, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(exception);
        var channel = attempt.Channel.DisplayName;
        if (timer.ShuttingDown)
        {
            return (AnthropicErrorType.Overloaded, ShutdownDrain.Message);
        }

        return timer.TimedOut
            ? (AnthropicErrorType.Timeout, $"Upstream channel '{channel}' sent no complete event for {timer.CurrentLimit.TotalSeconds:0} s.")
            : (AnthropicErrorType.Api, SecretRedactor.Redact($"Upstream channel '{channel}' broke off the stream: {exception.Message}", attempt.ApiKey));
    }

    private static UpstreamFailure Failure(FailureKind kind, int status, string errorType, string message, UpstreamAttempt attempt, string requestId) =>
        new(kind, status, AnthropicErrorEnvelope.ToUtf8Bytes(errorType, SecretRedactor.Redact(message, attempt.ApiKey), requestId));
}
