using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// Watches the events a relayed Anthropic stream passes to the client, for the usage log: the usage
/// of <c>message_start</c> and <c>message_delta</c>, and an <c>error</c> event that ended the stream.
/// Every other event is passed over without being read.
/// </summary>
public sealed class RelayedStreamTap : ISseEventConsumer
{
    private AnthropicUsage _usage;
    private bool _sawUsage;

    public AnthropicUsage? Usage => _sawUsage ? _usage : null;

    public string? ErrorType { get; private set; }

    public string? ErrorMessage { get; private set; }

    public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
    {
        if (eventName.SequenceEqual("error"u8))
        {
            if (AnthropicErrorEnvelope.TryReadError(data.Span, out var type, out var message))
            {
                ErrorType = type ?? AnthropicErrorType.Api;
                ErrorMessage = message;
            }

            return;
        }

        if (eventName.SequenceEqual("message_start"u8) || eventName.SequenceEqual("message_delta"u8))
        {
            _usage = AnthropicUsageReader.Fold(_usage, eventName, data.Span);
            _sawUsage = true;
        }
    }
}
