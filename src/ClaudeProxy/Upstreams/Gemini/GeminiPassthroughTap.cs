using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Upstreams.Passthrough;

namespace ClaudeProxy.Upstreams.Gemini;

/// <summary>
/// Watches a relayed Gemini stream for the usage log: each chunk's <c>usageMetadata</c> (the counts so
/// far; the last chunk's are the answer's) and an <c>{"error":…}</c> chunk. A chunk that mentions neither
/// is passed over unparsed.
/// </summary>
internal sealed class GeminiPassthroughTap : IPassthroughTap
{
    public AnthropicUsage? Usage { get; private set; }

    public string? ErrorType { get; private set; }

    public string? ErrorMessage { get; private set; }

    public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.IndexOf("\"error\""u8) >= 0 && TranslatedError.TryReadError(span, out var error)
            && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
        {
            (ErrorType, ErrorMessage) = GeminiErrorTranslator.FromStreamPayload(error);
            return;
        }

        if (span.IndexOf("\"usageMetadata\""u8) >= 0)
        {
            Usage = GeminiPassthroughUsage.Read(span) ?? Usage;
        }
    }
}
