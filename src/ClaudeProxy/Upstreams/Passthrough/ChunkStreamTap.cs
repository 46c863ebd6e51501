using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Upstreams.Translating;

namespace ClaudeProxy.Upstreams.Passthrough;

/// <summary>
/// Watches a relayed stream of JSON chunks (Chat Completions, Gemini) for the usage log: the usage object
/// of the last chunk that has one, read once at the end, and an <c>{"error":…}</c> chunk. Other chunks are
/// passed over unparsed.
/// </summary>
/// <param name="usageName">The usage field's name in quotes (<c>"usage"</c>, <c>"usageMetadata"</c>).</param>
/// <param name="readUsage">The usage object in Anthropic terms.</param>
/// <param name="readError">An error payload as an Anthropic error type and message.</param>
internal sealed class ChunkStreamTap(byte[] usageName, Func<JsonElement, AnthropicUsage> readUsage, Func<JsonElement, (string ErrorType, string Message)> readError) : IPassthroughTap
{
    private readonly LastUsageChunk _usage = new(usageName, readUsage);

    public AnthropicUsage? Usage => _usage.Read();

    public string? ErrorType { get; private set; }

    public string? ErrorMessage { get; private set; }

    public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
    {
        if (TranslatedAnswers.ErrorChunk(data.Span, readError) is var (errorType, message))
        {
            (ErrorType, ErrorMessage) = (errorType, message);
            return;
        }

        _usage.Offer(data.Span);
    }
}
