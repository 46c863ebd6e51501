using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;
using ClaudeProxy.Routing;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// Anthropic can answer 200 and then send an <c>error</c> event first (an overloaded or rate-limited
/// moment). Nothing has reached the client yet, so such a stream is a failed attempt, classified by
/// its error type as if it had come as a status, and the next key or channel is tried.
/// </summary>
public static class StreamStartError
{
    /// <summary>The failure when <paramref name="firstBytes"/> start with an <c>error</c> event; null for a normal stream.</summary>
    public static UpstreamFailure? Detect(ReadOnlySpan<byte> firstBytes, string apiKey)
    {
        var first = new FirstEvent();
        using (var parser = new SseParser())
        {
            parser.Feed(firstBytes, first);
        }

        if (!first.IsError || !AnthropicErrorEnvelope.IsEnvelope(first.Data))
        {
            return null;
        }

        var status = StatusOf(first.Data);
        return new UpstreamFailure(FailureClassifier.Classify(status, first.Data), status, SecretRedactor.Redact(first.Data, apiKey));
    }

    /// <summary>The status Anthropic gives each error type when it can still choose one.</summary>
    private static int StatusOf(byte[] envelope)
    {
        var type = AnthropicErrorEnvelope.ReadErrorType(envelope);
        return type switch
        {
            AnthropicErrorType.InvalidRequest => 400,
            AnthropicErrorType.Authentication => 401,
            AnthropicErrorType.Billing => 402,
            AnthropicErrorType.Permission => 403,
            AnthropicErrorType.NotFound => 404,
            AnthropicErrorType.RequestTooLarge => 413,
            AnthropicErrorType.RateLimit => 429,
            AnthropicErrorType.Timeout => 504,
            AnthropicErrorType.Overloaded => 529,
            _ => 500,
        };
    }

    private sealed class FirstEvent : ISseEventConsumer
    {
        private bool _seen;

        public bool IsError { get; private set; }

        public byte[] Data { get; private set; } = [];

        public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
        {
            if (_seen)
            {
                return;
            }

            _seen = true;
            IsError = eventName.SequenceEqual("error"u8);
            Data = IsError ? data.ToArray() : [];
        }
    }
}
