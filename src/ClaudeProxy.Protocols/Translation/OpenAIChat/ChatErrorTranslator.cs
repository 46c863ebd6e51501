using System.Globalization;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>
/// An OpenAI-style error (<c>{"error":{"message","type","code"}}</c>, or HTML or plain text) as the
/// status and Anthropic error type a client of the Messages API expects.
/// </summary>
public static class ChatErrorTranslator
{
    public static TranslatedError Translate(int upstreamStatus, ReadOnlySpan<byte> body)
    {
        var (message, type, code) = Read(body);
        var status = upstreamStatus == 429 && IsQuota(type, code) ? 402 : TranslatedError.ClientStatus(upstreamStatus);
        var errorType = status == 402 ? AnthropicErrorType.Billing : AnthropicErrorType.ForStatus(status);
        return new TranslatedError(status, errorType, message, code ?? type);
    }

    /// <summary>A mid-stream error payload (<c>{"error":{…}}</c>) as an Anthropic error type and message.</summary>
    public static (string ErrorType, string Message) FromStreamPayload(JsonElement error)
    {
        var message = error.ValueKind == JsonValueKind.String ? error.GetString() ?? "" : Text(error, "message"u8) ?? error.GetRawText();
        var kind = error.ValueKind == JsonValueKind.Object ? Text(error, "code"u8) ?? Text(error, "type"u8) : null;
        return (ErrorTypeFor(kind), message);
    }

    /// <summary>
    /// The Anthropic error type for an OpenAI error code or type met inside a 200 stream, where no
    /// status tells it; <see cref="AnthropicErrorType.Api"/> for one it does not know.
    /// </summary>
    internal static string ErrorTypeFor(string? kind)
    {
        kind ??= "";
        return kind switch
        {
            // A numeric code is an HTTP status (OpenRouter, Gemini's compatible endpoint): map it like one.
            _ when int.TryParse(kind, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status >= 400 => AnthropicErrorType.ForStatus(status),
            _ when kind.Contains("rate_limit", StringComparison.OrdinalIgnoreCase) => AnthropicErrorType.RateLimit,
            _ when kind.Contains("overloaded", StringComparison.OrdinalIgnoreCase) => AnthropicErrorType.Overloaded,
            _ when kind.Contains("quota", StringComparison.OrdinalIgnoreCase) => AnthropicErrorType.Billing,
            _ when kind.Contains("invalid_request", StringComparison.OrdinalIgnoreCase)
                || kind.Contains("invalid_prompt", StringComparison.OrdinalIgnoreCase)
                || kind.Contains("context_length", StringComparison.OrdinalIgnoreCase) => AnthropicErrorType.InvalidRequest,
            _ => AnthropicErrorType.Api,
        };
    }

    private static bool IsQuota(string? type, string? code) =>
        (code ?? "").Contains("insufficient_quota", StringComparison.OrdinalIgnoreCase)
        || (type ?? "").Contains("insufficient_quota", StringComparison.OrdinalIgnoreCase);

    private static (string Message, string? Type, string? Code) Read(ReadOnlySpan<byte> body)
    {
        if (TranslatedError.TryReadObject(body, out var root))
        {
            if (root.TryGetProperty("error"u8, out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    return (Text(error, "message"u8) ?? error.GetRawText(), Text(error, "type"u8), Text(error, "code"u8));
                }

                if (error.ValueKind == JsonValueKind.String)
                {
                    return (error.GetString() ?? "", null, null);
                }
            }

            if (Text(root, "message"u8) is { } bare)
            {
                return (bare, null, null);
            }
        }

        return (TranslatedError.PlainText(body), null, null);
    }

    internal static string? Text(JsonElement element, ReadOnlySpan<byte> name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
