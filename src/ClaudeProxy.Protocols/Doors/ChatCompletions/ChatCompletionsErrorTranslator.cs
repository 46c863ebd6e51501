using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// An error as a Chat Completions client expects it: <c>{"error":{"message","type","param","code"}}</c>.
/// The message is the Anthropic envelope's <c>error.message</c> (or an OpenAI-style body's, or a bare
/// <c>message</c>); a body that is not JSON gives its text, trimmed and cut at 2 KB. The type and code
/// follow the status, since OpenAI's SDKs pick their exception by status and show type and code:
/// <list type="table">
/// <item><term>400, 413</term><description><c>invalid_request_error</c></description></item>
/// <item><term>401</term><description><c>authentication_error</c>, code <c>invalid_api_key</c></description></item>
/// <item><term>403</term><description><c>permission_error</c></description></item>
/// <item><term>404</term><description><c>not_found_error</c></description></item>
/// <item><term>429</term><description><c>rate_limit_error</c>, code <c>rate_limit_exceeded</c></description></item>
/// <item><term>other 4xx</term><description>the Anthropic <c>error.type</c> when given (402 <c>billing_error</c>), else <c>invalid_request_error</c></description></item>
/// <item><term>5xx, 529 and anything else</term><description>the Anthropic <c>error.type</c> when given
/// (<c>overloaded_error</c>, <c>api_error</c>, <c>timeout_error</c>), else <c>server_error</c>; code
/// <c>overloaded</c> for 503, 529 or an <c>overloaded_error</c></description></item>
/// </list>
/// </summary>
public static class ChatCompletionsErrorTranslator
{
    /// <summary>The most characters of a plain-text body kept as the message.</summary>
    public const int MaxPlainTextLength = 2048;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Translate(int status, ReadOnlySpan<byte> anthropicErrorBody)
    {
        var (message, anthropicType) = Read(anthropicErrorBody);
        if (string.IsNullOrWhiteSpace(message))
        {
            message = string.Create(CultureInfo.InvariantCulture, $"The upstream answered HTTP {status} without an error message.");
        }

        var (type, code) = TypeAndCode(status, anthropicType);
        return Create(message, type, param: null, code);
    }

    public static byte[] Create(string message, string type, string? param, string? code)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(type);
        var buffer = new ArrayBufferWriter<byte>(96 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, message, type, param, code);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <c>{"error":{…}}</c> as the next value of <paramref name="writer"/>.</summary>
    internal static void Write(Utf8JsonWriter writer, string message, string type, string? param, string? code)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, message);
        writer.WriteString("type"u8, type);
        WriteStringOrNull(writer, "param"u8, param);
        WriteStringOrNull(writer, "code"u8, code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The type and code for an error answered with <paramref name="status"/>; see the table on the class.</summary>
    public static (string Type, string? Code) TypeAndCode(int status, string? anthropicType) => status switch
    {
        400 or 413 => ("invalid_request_error", null),
        401 => ("authentication_error", "invalid_api_key"),
        403 => ("permission_error", null),
        404 => ("not_found_error", null),
        429 => ("rate_limit_error", "rate_limit_exceeded"),
        >= 400 and < 500 => (NonEmpty(anthropicType) ?? "invalid_request_error", null),
        _ => (NonEmpty(anthropicType) ?? "server_error",
            status is 503 or 529 || anthropicType == AnthropicErrorType.Overloaded ? "overloaded" : null),
    };

    private static (string? Message, string? Type) Read(ReadOnlySpan<byte> body)
    {
        if (AnthropicErrorEnvelope.TryReadError(body, out var type, out var message) && message is not null)
        {
            return (message, type);
        }

        if (TranslatedError.TryReadObject(body, out var root))
        {
            if (root.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.String)
            {
                return (error.GetString(), type);
            }

            if (root.TryGetProperty("message"u8, out var bare) && bare.ValueKind == JsonValueKind.String)
            {
                return (bare.GetString(), type);
            }

            return (Bounded(root.GetRawText()), type);
        }

        return (Bounded(Encoding.UTF8.GetString(body).Trim()), null);
    }

    private static string Bounded(string text)
    {
        if (text.Length <= MaxPlainTextLength)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[MaxPlainTextLength - 1]) ? MaxPlainTextLength - 1 : MaxPlainTextLength;
        return text[..cut] + "…";
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static void WriteStringOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
