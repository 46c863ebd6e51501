using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Upstreams can answer 200 and then send an error before any content (Anthropic's <c>event: error</c>
/// when overloaded, often right after <c>message_start</c>; an OpenAI-style <c>{"error":…}</c> chunk;
/// Gemini's error object). Nothing has reached the client yet, so such a stream is a failed attempt,
/// classified by the error's type as if it had come as a status, and the next key or channel is tried.
/// </summary>
public static class StreamStartError
{
    /// <summary>Reads a protocol's error out of an event: its Anthropic error type and message, or null for a normal event.</summary>
    public delegate (string ErrorType, string Message)? Reader(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data);

    /// <summary>The failure an error event at the start of a stream stands for; null when <paramref name="readError"/> finds no error in it.</summary>
    public static UpstreamFailure? Detect(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data, Reader readError, UpstreamAttempt attempt, string requestId)
    {
        ArgumentNullException.ThrowIfNull(readError);
        ArgumentNullException.ThrowIfNull(attempt);
        if (readError(eventName, data) is not var (errorType, message))
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
}
