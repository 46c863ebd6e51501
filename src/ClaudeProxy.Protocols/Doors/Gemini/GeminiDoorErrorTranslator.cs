using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// An error as a Gemini client expects it: <c>{"error":{"code","message","status"}}</c>, Google's
/// envelope. The message is the Anthropic envelope's <c>error.message</c> (or another JSON error's, or a
/// plain body's text, trimmed and cut); the status name follows the HTTP code (see <see cref="StatusName"/>).
/// Anthropic's 529 (overloaded) is written, and should be answered, as 503: Gemini clients know 503
/// UNAVAILABLE and retry it.
/// </summary>
public static class GeminiDoorErrorTranslator
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Gemini error for an Anthropic error body answered with <paramref name="status"/>; its code is <see cref="ClientStatus"/>.</summary>
    public static byte[] Translate(int status, ReadOnlySpan<byte> anthropicErrorEnvelope)
    {
        var message = Message(anthropicErrorEnvelope);
        if (string.IsNullOrWhiteSpace(message))
        {
            message = string.Create(CultureInfo.InvariantCulture, $"The upstream answered HTTP {status} without an error message.");
        }

        return Create(ClientStatus(status), message, StatusName(status));
    }

    public static byte[] Create(int code, string message, string status)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(status);
        var buffer = new ArrayBufferWriter<byte>(64 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, code, message, status);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The HTTP status to answer a Gemini client with: 529 becomes 503, the others stay.</summary>
    public static int ClientStatus(int status) => status == 529 ? 503 : status;

    /// <summary>
    /// Google's status name for an HTTP code: 400, 413 and 422 <c>INVALID_ARGUMENT</c>, 401
    /// <c>UNAUTHENTICATED</c>, 403 <c>PERMISSION_DENIED</c>, 404 <c>NOT_FOUND</c>, 409 <c>ABORTED</c>, 429
    /// <c>RESOURCE_EXHAUSTED</c>, 499 <c>CANCELLED</c>, other 4xx <c>FAILED_PRECONDITION</c>, 501
    /// <c>UNIMPLEMENTED</c>, 502, 503 and 529 <c>UNAVAILABLE</c>, 504 <c>DEADLINE_EXCEEDED</c>, other
    /// codes <c>INTERNAL</c>.
    /// </summary>
    public static string StatusName(int status) => status switch
    {
        400 or 413 or 422 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        >= 400 and < 500 => "FAILED_PRECONDITION",
        501 => "UNIMPLEMENTED",
        502 or 503 or 529 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    };

    /// <summary>Writes <c>{"error":{…}}</c> as the next value of <paramref name="writer"/>.</summary>
    internal static void Write(Utf8JsonWriter writer, int code, string message, string status)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, code);
        writer.WriteString("message"u8, message);
        writer.WriteString("status"u8, status);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string? Message(ReadOnlySpan<byte> body)
    {
        if (AnthropicErrorEnvelope.TryReadError(body, out _, out var message) && message is not null)
        {
            return message;
        }

        if (TranslatedError.TryReadObject(body, out var root))
        {
            if (root.TryGetProperty("error"u8, out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message"u8, out var inner) && inner.ValueKind == JsonValueKind.String)
                {
                    return inner.GetString();
                }
            }

            return root.TryGetProperty("message"u8, out var bare) && bare.ValueKind == JsonValueKind.String ? bare.GetString() : root.GetRawText();
        }

        return TranslatedError.PlainText(body);
    }
}
