using System.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// An upstream's error in a Messages client's terms: the HTTP status to answer with, the Anthropic
/// <c>error.type</c>, the upstream's message, and its own error code or reason (for logs). The
/// helpers read the error bodies every upstream family sends: <c>{"error":…}</c> JSON, or a proxy's
/// HTML or plain text.
/// </summary>
public readonly record struct TranslatedError(int Status, string ErrorType, string Message, string? Code)
{
    private const int MaxPlainTextLength = 500;

    /// <summary>
    /// The JSON object of an error body (the first element when a front end wrapped it in an
    /// array, as Gemini's OpenAI-compatible endpoint does); false when the body is not one.
    /// </summary>
    public static bool TryReadObject(ReadOnlySpan<byte> body, out JsonElement root)
    {
        root = default;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var value = document.RootElement;
            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
            {
                value = value[0];
            }

            if (value.ValueKind == JsonValueKind.Object)
            {
                root = value.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON: HTML from a proxy, or plain text.
        }

        return false;
    }

    /// <summary>The <c>error</c> value of a JSON error body; false when the body is not JSON or has no <c>error</c>.</summary>
    public static bool TryReadError(ReadOnlySpan<byte> body, out JsonElement error)
    {
        error = default;
        return TryReadObject(body, out var root) && root.TryGetProperty("error"u8, out error);
    }

    /// <summary>
    /// The status a Messages client expects for an upstream's: 503 becomes 529 (Anthropic's
    /// "overloaded"), 502 becomes 500; the others stay as they are.
    /// </summary>
    public static int ClientStatus(int upstreamStatus) => upstreamStatus switch
    {
        503 => 529,
        502 => 500,
        _ => upstreamStatus,
    };

    /// <summary>A body that is not an error object, as a message: trimmed, and cut after 500 characters.</summary>
    public static string PlainText(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length > MaxPlainTextLength ? text[..MaxPlainTextLength] + "…" : text;
    }
}
