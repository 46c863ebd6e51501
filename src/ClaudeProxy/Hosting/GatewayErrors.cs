using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Protocols.Doors.Gemini;

namespace ClaudeProxy.Hosting;

/// <summary>
/// Writes every error answer the gateway sends, with a request id, in the envelope of the client's
/// protocol: built as an Anthropic envelope (the hub's), translated for the other doors.
/// </summary>
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

    /// <summary>An error body already in the Anthropic envelope (an upstream's error, translated); headers set before stay.</summary>
    public static Task WriteEnvelopeAsync(HttpContext context, int status, ReadOnlyMemory<byte> envelope)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ClientProtocols.Of(context.Request.Path) switch
        {
            ClientProtocol.OpenAI => WriteClientEnvelopeAsync(context, status, ChatCompletionsErrorTranslator.Translate(status, envelope.Span)),
            ClientProtocol.Gemini => WriteClientEnvelopeAsync(context, GeminiDoorErrorTranslator.ClientStatus(status), GeminiDoorErrorTranslator.Translate(status, envelope.Span)),
            _ => WriteClientEnvelopeAsync(context, status, envelope),
        };
    }

    /// <summary>An error body already in the client's own envelope (a door's refusal naming its field).</summary>
    public static async Task WriteClientEnvelopeAsync(HttpContext context, int status, ReadOnlyMemory<byte> envelope)
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
