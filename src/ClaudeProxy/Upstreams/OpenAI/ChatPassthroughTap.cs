using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Upstreams.Passthrough;

namespace ClaudeProxy.Upstreams.OpenAI;

/// <summary>
/// Watches a relayed Chat Completions stream for the usage log: the <c>usage</c> of the chunk that
/// carries it (the last one, with <c>stream_options.include_usage</c>), read once at the end, and an
/// <c>{"error":…}</c> chunk. Other chunks are passed over unparsed.
/// </summary>
internal sealed class ChatPassthroughTap : IPassthroughTap
{
    private readonly LastUsageChunk _usage = new("\"usage\""u8.ToArray(), ChatUsage.From);

    public AnthropicUsage? Usage => _usage.Read();

    public string? ErrorType { get; private set; }

    public string? ErrorMessage { get; private set; }

    public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.IndexOf("\"error\""u8) >= 0 && TranslatedError.TryReadError(span, out var error)
            && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
        {
            (ErrorType, ErrorMessage) = ChatErrorTranslator.FromStreamPayload(error);
            return;
        }

        _usage.Offer(span);
    }
}
