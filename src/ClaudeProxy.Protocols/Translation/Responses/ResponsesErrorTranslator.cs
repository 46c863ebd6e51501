using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation.OpenAIChat;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// Errors of an OpenAI Responses upstream in a Messages client's terms. A failure status comes with
/// the same <c>{"error":{"message","type","param","code"}}</c> envelope as Chat Completions, so it is
/// read as one; a 200 stream or body reports errors its own ways, read by <see cref="FromStreamPayload"/>.
/// </summary>
public static class ResponsesErrorTranslator
{
    public static TranslatedError Translate(int upstreamStatus, ReadOnlySpan<byte> body) => ChatErrorTranslator.Translate(upstreamStatus, body);

    /// <summary>
    /// An error inside a 200 answer as an Anthropic error type and message: an <c>error</c> event
    /// (<c>{"type":"error","code","message","param"}</c>, or its fields in a nested <c>error</c>), a
    /// <c>response.failed</c> event, or a response whose <c>status</c> is <c>failed</c> (its <c>error</c>).
    /// </summary>
    public static (string ErrorType, string Message) FromStreamPayload(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return (AnthropicErrorType.Api, payload.ValueKind == JsonValueKind.String ? payload.GetString() ?? "" : payload.GetRawText());
        }

        if (payload.TryGetProperty("response"u8, out var response) && response.ValueKind == JsonValueKind.Object)
        {
            payload = response;
        }

        if (payload.TryGetProperty("error"u8, out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
        {
            return error.ValueKind == JsonValueKind.String ? (AnthropicErrorType.Api, error.GetString() ?? "") : Read(error, typeIsErrorType: true);
        }

        if (payload.TryGetProperty("status"u8, out var status) && status.ValueKind == JsonValueKind.String)
        {
            // A response object, failed without saying why.
            return (AnthropicErrorType.Api, $"The upstream response ended with status '{status.GetString()}' and no error.");
        }

        // The error event's own fields: its "type" is the event's ("error"), not an error type.
        return Read(payload, typeIsErrorType: false);
    }

    private static (string ErrorType, string Message) Read(JsonElement error, bool typeIsErrorType)
    {
        var code = ChatErrorTranslator.Text(error, "code"u8);
        var errorType = ChatErrorTranslator.ErrorTypeFor(code);
        if (errorType == AnthropicErrorType.Api && typeIsErrorType)
        {
            // A code the mapping does not know (context_length_exceeded, …) next to a type it does (invalid_request_error).
            errorType = ChatErrorTranslator.ErrorTypeFor(ChatErrorTranslator.Text(error, "type"u8));
        }

        return (errorType, ChatErrorTranslator.Text(error, "message"u8) ?? error.GetRawText());
    }
}
