using ClaudeProxy.Hosting;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// The request log entry of a request refused before any channel was tried (a body that is too large,
/// not JSON, or without a model): no channel, no tokens, the error the client received, the instance that refused it.
/// </summary>
public static class RefusedRequestLog
{
    public static RequestLogEntry Entry(
        HttpContext context, DateTimeOffset time, TimeSpan latency, string errorType, string message, MessageRequestPeek? peek, string instance) =>
        new()
        {
            Time = time,
            RequestId = RequestIds.Get(context),
            Path = context.Request.Path.Value ?? "",
            Model = string.IsNullOrEmpty(peek?.Model) ? null : peek.Value.Model,
            Status = context.Response.StatusCode,
            ErrorType = errorType,
            ErrorMessage = message,
            Stream = peek?.Stream ?? false,
            LatencyMs = latency.TotalMilliseconds,
            Instance = instance,
        };
}
