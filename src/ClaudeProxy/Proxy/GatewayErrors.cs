using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Proxy;

/// <summary>Writes the errors the gateway itself produces, always as an Anthropic envelope with a request id.</summary>
public static class GatewayErrors
{
    public static Task WriteAsync(HttpContext context, int status, string message, bool? shouldRetry = null) =>
        WriteAsync(context, status, AnthropicErrorType.ForStatus(status), message, shouldRetry);

    public static async Task WriteAsync(HttpContext context, int status, string errorType, string message, bool? shouldRetry = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestId = RequestIds.Get(context);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["request-id"] = requestId;
        if (shouldRetry is { } retry)
        {
            // SDKs and Claude Code retry 5xx unless told otherwise.
            response.Headers["x-should-retry"] = retry ? "true" : "false";
        }

        var body = AnthropicErrorEnvelope.ToUtf8Bytes(errorType, message, requestId);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
