using System.Runtime.InteropServices;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Claude Code starts its system prompt with a block like
/// <c>x-anthropic-billing-header: cc_version=…; cc_entrypoint=…;</c>. It is metadata for Anthropic,
/// means nothing to other providers, and changes between requests — which would defeat an upstream's
/// prompt-prefix cache on every turn. Translators leave it out.
/// </summary>
public static class ClaudeCodeBillingLine
{
    public static bool Is(JsonElement text) =>
        // The raw token starts with its opening quote; the header name needs no escaping.
        text.ValueKind == JsonValueKind.String && JsonMarshal.GetRawUtf8Value(text)[1..].StartsWith("x-anthropic-billing-header:"u8);
}
