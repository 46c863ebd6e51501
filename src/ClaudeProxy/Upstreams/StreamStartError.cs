using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Upstreams can answer 200 and then send an error as the stream's first event (Anthropic's
/// <c>event: error</c> when overloaded, an OpenAI-style <c>{"error":…}</c> chunk, Gemini's error
/// object). Nothing has reached the client yet, so such a stream is a failed attempt, classified by
/// the error's type as if it had come as a status, and the next key or channel is tried.
/// </summary>
public static class StreamStartError
{
    /// <summary>Reads a protocol's error out of an event: its Anthropic error type and message, or null for a normal event.</summary>
    public delegate (string ErrorType, string Message)? Reader(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data);

    /// <summary>The failure when <paramref name="firstBytes"/> start with an error event; null for a normal stream.</summary>
    public static UpstreamFailure? Detect(ReadOnlySpan<byte> firstBytes, Reader readError, UpstreamAttempt attempt, string requestId)
    {
        ArgumentNullException.ThrowIfNull(readError);
        ArgumentNullException.ThrowIfNull(attempt);
        var first = new FirstEvent();
        using (var parser = new SseParser())
        {
            parser.Feed(firstBytes, first);
        }

        if (first.Data is not { } data || readError(first.Name, data) is not var (errorType, message))
        {
            return null;
        }

        var status = AnthropicErrorType.ToStatus(errorType);
        var text = SecretRedactor.Redact($"Upstream channel '{attempt.Channel.DisplayName}' answered with an error event: {message}", attempt.ApiKey);
        return new UpstreamFailure(FailureClassifier.Classify(status, data), status, AnthropicErrorEnvelope.ToUtf8Bytes(errorType, text, requestId));
    }

    /// <summary>Anthropic's <c>event: error</c> with an error envelope as its data.</summary>
    public static (string ErrorType, string Message)? AnthropicErrorEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) =>
        eventName.SequenceEqual("error"u8) && AnthropicErrorEnvelope.TryReadError(data, out var type, out var message)
            ? (type ?? AnthropicErrorType.Api, message ?? "")
            : null;

    private sealed class FirstEvent : ISseEventConsumer
    {
        public byte[] Name { get; private set; } = [];

        public byte[]? Data { get; private set; }

        public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
        {
            if (Data is null)
            {
                Name = eventName.ToArray();
                Data = data.ToArray();
            }
        }
    }
}
