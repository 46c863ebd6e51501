using System.Buffers.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// A reasoning item's <c>encrypted_content</c> as this gateway writes it: the Anthropic thinking block
/// (its text and signature, or a redacted block's data) packed so that a stateless client
/// (<c>store: false</c>, <c>include: ["reasoning.encrypted_content"]</c>) hands it back unchanged on the
/// next turn and the upstream gets its own signed thinking back. <c>cpx1.</c> then base64url (no padding)
/// of <c>{"thinking","signature"}</c> or <c>{"data"}</c>. Nothing secret is in it: the signature is the
/// upstream's, opaque to the client.
/// </summary>
public static class ResponsesReasoning
{
    private const string Prefix = "cpx1.";

    /// <summary>A thinking block's text and signature as <c>encrypted_content</c>.</summary>
    public static string Pack(string thinking, string signature)
    {
        ArgumentNullException.ThrowIfNull(thinking);
        ArgumentNullException.ThrowIfNull(signature);
        return Encode(writer =>
        {
            writer.WriteString("thinking"u8, thinking);
            writer.WriteString("signature"u8, signature);
        });
    }

    /// <summary>A redacted thinking block's data as <c>encrypted_content</c>.</summary>
    public static string PackRedacted(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Encode(writer => writer.WriteString("data"u8, data));
    }

    /// <summary>
    /// Reads <c>encrypted_content</c> written by <see cref="Pack"/> or <see cref="PackRedacted"/>: a thinking
    /// block (<paramref name="redactedData"/> null) or a redacted one (<paramref name="thinking"/> and
    /// <paramref name="signature"/> null). False for anything else, such as another gateway's or OpenAI's own.
    /// </summary>
    public static bool TryUnpack(string? encryptedContent, out string? thinking, out string? signature, out string? redactedData)
    {
        thinking = signature = redactedData = null;
        if (encryptedContent is null || !encryptedContent.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        byte[] json;
        try
        {
            json = Base64Url.DecodeFromChars(encryptedContent.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("data"u8, out var data) && data.ValueKind == JsonValueKind.String)
            {
                redactedData = data.GetString();
                return true;
            }

            if (root.TryGetProperty("thinking"u8, out var text) && text.ValueKind == JsonValueKind.String
                && root.TryGetProperty("signature"u8, out var sig) && sig.ValueKind == JsonValueKind.String)
            {
                thinking = text.GetString();
                signature = sig.GetString();
                return true;
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Encode(Action<Utf8JsonWriter> properties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }

        return Prefix + Base64Url.EncodeToString(buffer.WrittenSpan);
    }
}
