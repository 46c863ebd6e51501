using System.Buffers.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// An OpenAI Responses reasoning item carried in an Anthropic thinking block's <c>signature</c> as
/// <c>gw1.responses.&lt;base64url of {"id","encrypted_content"}&gt;</c>. With <c>store: false</c> the
/// upstream keeps nothing, so the next turn must hand the item back whole; the client keeps it in its
/// history for us, as Anthropic clients keep signatures. Anthropic rejects such a block; the Claude
/// channel strips it, and other upstreams drop it.
/// </summary>
public static class ResponsesReasoningEnvelope
{
    public const string Prefix = "gw1.responses.";

    public static string Wrap(string? id, string encryptedContent)
    {
        ArgumentNullException.ThrowIfNull(encryptedContent);
        using var buffer = new PooledBufferWriter(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (!string.IsNullOrEmpty(id))
            {
                writer.WriteString("id"u8, id);
            }

            writer.WriteString("encrypted_content"u8, encryptedContent);
            writer.WriteEndObject();
        }

        return Prefix + Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    /// <summary>The reasoning item inside an envelope; false for anything else (an Anthropic signature, another provider's envelope, a damaged one).</summary>
    public static bool TryUnwrap(string? envelope, out string? id, out string encryptedContent)
    {
        id = null;
        encryptedContent = "";
        if (envelope is null || !envelope.StartsWith(Prefix, StringComparison.Ordinal) || envelope.Length == Prefix.Length)
        {
            return false;
        }

        var payload = envelope.AsSpan(Prefix.Length);
        if (!Base64Url.IsValid(payload))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(payload));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("encrypted_content"u8, out var content) || content.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            encryptedContent = content.GetString()!;
            id = root.TryGetProperty("id"u8, out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            return encryptedContent.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
