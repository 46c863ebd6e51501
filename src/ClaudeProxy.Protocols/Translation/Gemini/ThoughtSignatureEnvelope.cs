using System.Buffers.Text;
using System.Text;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// A Gemini thought signature carried in an Anthropic thinking block's <c>signature</c> as
/// <c>gw1.gemini.&lt;base64url&gt;</c>. The thinking block stands right before the block whose part
/// carried the signature (a <c>functionCall</c>, sometimes a text part), so a client that sends the
/// history back hands the gateway what it needs to put the signature on that same part again — no
/// state on the gateway needed. Anthropic rejects such a block; the Claude channel strips it.
/// </summary>
public static class ThoughtSignatureEnvelope
{
    public const string Prefix = "gw1.gemini.";

    public static string Wrap(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(signature));
    }

    /// <summary>The signature inside a Gemini envelope; false for anything else (an Anthropic signature, another provider's envelope, a damaged one).</summary>
    public static bool TryUnwrap(string? envelope, out string signature)
    {
        signature = "";
        if (envelope is null || !envelope.StartsWith(Prefix, StringComparison.Ordinal) || envelope.Length == Prefix.Length)
        {
            return false;
        }

        var payload = envelope.AsSpan(Prefix.Length);
        if (!Base64Url.IsValid(payload))
        {
            return false;
        }

        signature = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload));
        return signature.Length > 0;
    }
}
