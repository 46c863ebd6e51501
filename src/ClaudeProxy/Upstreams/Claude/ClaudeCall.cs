using ClaudeProxy.Configuration;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// One attempt on a <c>claude</c> channel: the answer is relayed as it came, with only the
/// channel's key kept out of it; an error body keeps its type and the headers an Anthropic client reads.
/// </summary>
internal sealed class ClaudeCall(
    HttpRequestMessage message,
    ProxyRequest request,
    UpstreamAttempt attempt,
    GatewaySettings settings,
    TimeProvider timeProvider,
    ILogger logger) : UpstreamCall(message)
{
    public override async Task<ReceivedAnswer> ReceiveAsync(HttpResponseMessage upstream, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(timer);
        if (request.Endpoint == ProxyEndpoint.Models)
        {
            var list = await UpstreamAnswerReader.ReadBodyAsync(upstream.Content, ClaudeModelList.MaxBodyBytes, timer.Token);
            return ReceivedAnswer.Ready(new ClaudeModelList(list, attempt));
        }

        if (upstream.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var body = await UpstreamAnswerReader.ReadBodyAsync(upstream.Content, settings.MaxResponseBodyBytes, timer.Token);
            JsonBody.EnsureAnswer(body);
            SecretRedactor.Overwrite(body, attempt.ApiKey);
            return ReceivedAnswer.Ready(ClaudeAnswer.Body(upstream, attempt, timer, logger, body));
        }

        // The stream passes through untouched but for the channel's key, should the upstream echo it (an error event).
        var redacted = new SecretRedactingStream(await upstream.Content.ReadAsStreamAsync(timer.Token), attempt.ApiKey);
        var start = await UpstreamAnswerReader.ReadStreamStartAsync(redacted, settings.MaxSseEventBytes, timer, ClaudeStreamStart.Probe);
        if (start.Decision == StreamStart.Error
            && StreamStartError.Detect(start.EventName, start.EventData, StreamStartError.AnthropicErrorEvent, attempt, request.RequestId) is { } failure)
        {
            await start.Stream.DisposeAsync();
            return ReceivedAnswer.Failed(failure with
            {
                Headers = UpstreamErrorBody.RelayedHeaders(upstream.Headers, IsRelayed),
            });
        }

        return ReceivedAnswer.Ready(ClaudeAnswer.EventStream(upstream, attempt, timer, logger, start.Stream, settings.MaxSseEventBytes));
    }

    public override async Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var status = (int)upstream.StatusCode;
        var body = await UpstreamErrorBody.ReadAsync(upstream, cancellationToken);
        var envelope = UpstreamErrorBody.ToEnvelope(body, status, attempt.Channel.DisplayName, attempt.ApiKey, request.RequestId);
        return new UpstreamFailure(FailureClassifier.Classify(status, body), status, envelope)
        {
            Headers = UpstreamErrorBody.RelayedHeaders(upstream.Headers, IsRelayed),
            RetryAfter = UpstreamErrorBody.RetryAfter(upstream.Headers, timeProvider.GetUtcNow()),
        };
    }

    /// <summary>What an Anthropic client reads from an error answer: its request id, retry hints and rate-limit state.</summary>
    private static bool IsRelayed(string name) =>
        name.Equals("request-id", StringComparison.OrdinalIgnoreCase)
        || UpstreamErrorBody.IsRetryAfter(name)
        || name.Equals("x-should-retry", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("anthropic-ratelimit-", StringComparison.OrdinalIgnoreCase);
}
