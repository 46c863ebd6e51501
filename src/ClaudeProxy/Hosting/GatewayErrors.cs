using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Hosting;

/// <summary>Writes every error answer the gateway sends, always as an Anthropic envelope with a request id.</summary>
public static class GatewayErrors
{
    public static Task WriteAsync(HttpContext context, int status, string message, bool? shouldRetry = null) =>
        WriteAsync(context, status, AnthropicErrorType.ForStatus(status), message, shouldRetry);

    public static Task WriteAsync(HttpContext context, int status, string errorType, string message, bool? shouldRetry = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (shouldRetry is { } retry)
        {
            // SDKs and Claude Code retry 5xx unless told otherwise.
            context.Response.Headers["x-should-retry"] = retry ? "true" : "false";
        }

        return WriteEnvelopeAsync(context, status, AnthropicErrorEnvelope.ToUtf8Bytes(errorType, message, RequestIds.Get(context)));
    }

    /// <summary>An error body already in its envelope (an upstream's error, translated); headers set before stay.</summary>
    public static async Task WriteEnvelopeAsync(HttpContext context, int status, ReadOnlyMemory<byte> envelope)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (!response.Headers.ContainsKey("request-id"))
        {
            response.Headers["request-id"] = RequestIds.Get(context);
        }

        response.ContentLength = envelope.Length;
        await response.Body.WriteAsync(envelope, context.RequestAborted);
    }
}
