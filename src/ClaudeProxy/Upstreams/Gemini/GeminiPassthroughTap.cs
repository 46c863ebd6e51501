using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Upstreams.Passthrough;

namespace ClaudeProxy.Upstreams.Gemini;

/// <summary>
/// Watches a relayed Gemini stream for the usage log: the <c>usageMetadata</c> of the last chunk that has
/// one (each holds the counts so far), read once at the end, and an <c>{"error":…}</c> chunk. Other chunks
/// are passed over unparsed.
/// </summary>
internal sealed class GeminiPassthroughTap : IPassthroughTap
{
    private readonly LastUsageChunk _usage = new("\"usageMetadata\""u8.ToArray(), GeminiUsage.From);

    public AnthropicUsage? Usage => _usage.Read();

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

        _usage.Offer(span);
    }
}
