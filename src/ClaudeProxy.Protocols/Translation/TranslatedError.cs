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
    /// The <c>error</c> value of a JSON error body (also when a front end wrapped the body in a
    /// one-element array); false when the body is not JSON or has no <c>error</c>.
    /// </summary>
    public static bool TryReadError(ReadOnlySpan<byte> body, out JsonElement error)
    {
        error = default;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error"u8, out var value))
            {
                error = value.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON: HTML from a proxy, or plain text.
        }

        return false;
    }

    /// <summary>A body that is not an error object, as a message: trimmed, and cut after 500 characters.</summary>
    public static string PlainText(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length > MaxPlainTextLength ? text[..MaxPlainTextLength] + "…" : text;
    }
}
