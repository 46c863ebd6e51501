using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// A translating channel's failed answer in the client's terms: the upstream error body read
/// (bounded), translated to a status and Anthropic error type by the protocol's translator, named
/// after the channel with its key redacted, classified for routing, with <c>retry-after</c> kept.
/// Nothing here knows the upstream's protocol.
/// </summary>
public static class TranslatedFailure
{
    public static async Task<UpstreamFailure> ReadAsync(
        HttpResponseMessage upstream,
        ProxyRequest request,
        UpstreamAttempt attempt,
        TimeProvider time,
        Func<int, byte[], TranslatedError> translate,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(translate);
        var status = (int)upstream.StatusCode;
        var body = await UpstreamErrorBody.ReadAsync(upstream, cancellationToken);
        var error = translate(status, body);
        var message = SecretRedactor.Redact($"Upstream channel '{attempt.Channel.DisplayName}' answered HTTP {status}: {error.Message}", attempt.ApiKey);
        return new UpstreamFailure(FailureClassifier.Classify(status, body), error.Status, AnthropicErrorEnvelope.ToUtf8Bytes(error.ErrorType, message, request.RequestId))
        {
            Headers = UpstreamErrorBody.RelayedHeaders(upstream.Headers, UpstreamErrorBody.IsRetryAfter),
            RetryAfter = UpstreamErrorBody.RetryAfter(upstream.Headers, time.GetUtcNow()),
        };
    }
}
