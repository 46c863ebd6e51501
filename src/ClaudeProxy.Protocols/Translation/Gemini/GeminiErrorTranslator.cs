using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// A Google API error (<c>{"error":{"code","message","status","details":[{"reason"}]}}</c>, or HTML
/// or plain text) as the status and Anthropic error type a Messages client expects.
/// Gemini answers a bad key with 400 <c>API_KEY_INVALID</c>: that is a 401.
/// </summary>
public static class GeminiErrorTranslator
{
    private static readonly string[] InvalidKeyReasons = ["API_KEY_INVALID", "API_KEY_SERVICE_BLOCKED"];

    public static TranslatedError Translate(int upstreamStatus, ReadOnlySpan<byte> body)
    {
        var (message, status, reason) = Read(body);
        var invalidKey = upstreamStatus is 400 or 401 or 403
            && (InvalidKeyReasons.Contains(reason) || message.Contains("API key not valid", StringComparison.OrdinalIgnoreCase));
        var mapped = invalidKey ? 401 : TranslatedError.ClientStatus(upstreamStatus);
        return new TranslatedError(mapped, AnthropicErrorType.ForStatus(mapped), message, reason ?? status);
    }

    /// <summary>An error object that arrived inside a stream, as an Anthropic error type and message.</summary>
    public static (string ErrorType, string Message) FromStreamPayload(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return (AnthropicErrorType.Api, error.ValueKind == JsonValueKind.String ? error.GetString() ?? "" : error.GetRawText());
        }

        var message = Text(error, "message"u8) ?? error.GetRawText();
        var status = Text(error, "status"u8);
        var code = error.TryGetProperty("code"u8, out var codeElement) && codeElement.TryGetInt32(out var number) ? number : 0;
        var errorType = status switch
        {
            "RESOURCE_EXHAUSTED" => AnthropicErrorType.RateLimit,
            "UNAVAILABLE" => AnthropicErrorType.Overloaded,
            "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" => AnthropicErrorType.InvalidRequest,
            "UNAUTHENTICATED" => AnthropicErrorType.Authentication,
            "PERMISSION_DENIED" => AnthropicErrorType.Permission,
            "NOT_FOUND" => AnthropicErrorType.NotFound,
            "DEADLINE_EXCEEDED" => AnthropicErrorType.Timeout,
            _ when code >= 400 => AnthropicErrorType.ForStatus(TranslatedError.ClientStatus(code)),
            _ => AnthropicErrorType.Api,
        };
        return (errorType, message);
    }

    private static (string Message, string? Status, string? Reason) Read(ReadOnlySpan<byte> body) =>
        TranslatedError.TryReadError(body, out var error) && error.ValueKind == JsonValueKind.Object
            ? (Text(error, "message"u8) ?? error.GetRawText(), Text(error, "status"u8), Reason(error))
            : (TranslatedError.PlainText(body), null, null);

    private static string? Reason(JsonElement error)
    {
        if (!error.TryGetProperty("details"u8, out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return details.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Object ? Text(d, "reason"u8) : null).FirstOrDefault(r => r is not null);
    }

    private static string? Text(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
