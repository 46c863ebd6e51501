using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Upstreams.Passthrough;

namespace ClaudeProxy.Upstreams.OpenAI;

/// <summary>
/// Watches a relayed Chat Completions stream for the usage log: the <c>usage</c> of the chunk that
/// carries it (the last one, with <c>stream_options.include_usage</c>) and an <c>{"error":…}</c> chunk.
/// A chunk that mentions neither is passed over unparsed.
/// </summary>
internal sealed class ChatPassthroughTap : IPassthroughTap
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
            (ErrorType, ErrorMessage) = ChatErrorTranslator.FromStreamPayload(error);
            return;
        }

        if (span.IndexOf("\"usage\""u8) < 0)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("usage"u8, out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                Usage = ChatUsage.From(usage);
            }
        }
        catch (JsonException)
        {
            // The client gets the bytes as they came; only the log misses the count.
        }
    }
}
