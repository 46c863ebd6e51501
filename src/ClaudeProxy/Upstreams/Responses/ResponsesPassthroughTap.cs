using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation.Responses;
using ClaudeProxy.Upstreams.Passthrough;

namespace ClaudeProxy.Upstreams.Responses;

/// <summary>
/// Watches a relayed Responses stream for the usage log: the usage of the terminal
/// <c>response.completed</c> or <c>response.incomplete</c>, and a <c>response.failed</c> or <c>error</c>
/// event. Every other event (the deltas, the bulk of the stream) is passed over by its name alone.
/// </summary>
internal sealed class ResponsesPassthroughTap : IPassthroughTap
{
    public AnthropicUsage? Usage { get; private set; }

    public string? ErrorType { get; private set; }

    public string? ErrorMessage { get; private set; }

    public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
    {
        var terminal = eventName.SequenceEqual("response.completed"u8) || eventName.SequenceEqual("response.incomplete"u8);
        var failed = eventName.SequenceEqual("response.failed"u8) || eventName.SequenceEqual("error"u8);
        if (!terminal && !failed && !(eventName.IsEmpty && MayBeTerminal(data.Span)))
        {
            return;
        }

        if (ResponsesStreamStart.ReadError(eventName, data.Span) is var (errorType, message))
        {
            (ErrorType, ErrorMessage) = (errorType, message);
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("response"u8, out var response) && response.ValueKind == JsonValueKind.Object
                && response.TryGetProperty("usage"u8, out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                Usage = ResponsesUsage.From(usage);
            }
        }
        catch (JsonException)
        {
            // Not the client's problem: it gets the bytes as they came; only the log misses the count.
        }
    }

    /// <summary>An event sent without a name: its <c>type</c> may still make it one of the four this tap reads.</summary>
    private static bool MayBeTerminal(ReadOnlySpan<byte> data) =>
        data.IndexOf("\"response.completed\""u8) >= 0 || data.IndexOf("\"response.incomplete\""u8) >= 0
        || data.IndexOf("\"response.failed\""u8) >= 0 || data.IndexOf("\"error\""u8) >= 0;
}
