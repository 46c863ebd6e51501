using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// The Anthropic thinking blocks of an answer, packed into the Gemini <c>thoughtSignature</c> of the part
/// that follows them, so that a Gemini client replaying its history hands the hub the same signed
/// thinking back (Anthropic wants a tool loop's thinking returned unchanged, text and signature). The
/// text travels in the signature too because Gemini clients drop <c>thought</c> parts from their history
/// (the Gemini CLI does) but keep signatures. <c>cpxg1.</c> then base64url (no padding) of a JSON array of
/// <c>{"thinking","signature"}</c> and <c>{"data"}</c> (redacted thinking) objects, in answer order.
/// Nothing secret is in it: the signatures are the upstream's, and a Gemini channel's are its own
/// <c>gw1.gemini.</c> envelopes, which the Gemini upstream path unwraps again.
/// </summary>
internal static class GeminiDoorThoughtSignature
{
    public const string Prefix = "cpxg1.";

    public static string Pack(List<GeminiDoorThinking> blocks)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var block in blocks)
            {
                writer.WriteStartObject();
                if (block.RedactedData is { } data)
                {
                    writer.WriteString("data"u8, data);
                }
                else
                {
                    writer.WriteString("thinking"u8, block.Thinking);
                    writer.WriteString("signature"u8, block.Signature);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Prefix + Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    /// <summary>The thinking blocks packed by <see cref="Pack"/>; false for any other signature (Gemini's own, the Gemini CLI's skip value, a damaged one).</summary>
    public static bool TryUnpack(string? signature, out List<GeminiDoorThinking> blocks)
    {
        blocks = [];
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal) || !Base64Url.IsValid(signature.AsSpan(Prefix.Length)))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(signature.AsSpan(Prefix.Length)));
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                if (item.TryGetProperty("data"u8, out var data) && data.ValueKind == JsonValueKind.String)
                {
                    blocks.Add(GeminiDoorThinking.Redacted(data.GetString()!));
                }
                else if (item.TryGetProperty("thinking"u8, out var thinking) && thinking.ValueKind == JsonValueKind.String
                    && item.TryGetProperty("signature"u8, out var sig) && sig.ValueKind == JsonValueKind.String)
                {
                    blocks.Add(GeminiDoorThinking.Signed(thinking.GetString()!, sig.GetString()!));
                }
                else
                {
                    return false;
                }
            }

            return blocks.Count > 0;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            blocks = [];
            return false;
        }
    }
}

/// <summary>One Anthropic thinking block: its text and signature, or a redacted block's data.</summary>
internal readonly record struct GeminiDoorThinking(string? Thinking, string? Signature, string? RedactedData)
{
    public static GeminiDoorThinking Signed(string thinking, string signature) => new(thinking, signature, null);

    public static GeminiDoorThinking Redacted(string data) => new(null, null, data);

    /// <summary>
    /// True for a block Anthropic itself signed (or redacted): one that lets thinking stay on in a tool
    /// loop. A gateway envelope (<c>gw1.</c>, another family's reasoning) is stripped before Anthropic sees it.
    /// </summary>
    public bool IsAnthropicSigned => RedactedData is not null || (!string.IsNullOrEmpty(Signature) && !Signature.StartsWith("gw1.", StringComparison.Ordinal));
}
