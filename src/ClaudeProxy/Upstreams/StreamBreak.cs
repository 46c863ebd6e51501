using ClaudeProxy.Hosting;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Why a committed stream ended early, as the <c>error</c> event tells the client: the gateway is
/// shutting down (<c>overloaded_error</c>, which clients retry), no complete event came within the
/// idle deadline (<c>timeout_error</c>), or the upstream broke off (<c>api_error</c>).
/// </summary>
public static class StreamBreak
{
    public static (string ErrorType, string Reason) Describe(UpstreamCallTimer timer, UpstreamAttempt attempt, Exception exception)
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
            : (AnthropicErrorType.Api, $"Upstream channel '{channel}' broke off the stream: {exception.Message}");
    }
}
