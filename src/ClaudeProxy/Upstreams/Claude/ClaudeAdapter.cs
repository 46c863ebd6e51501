using System.Net;
using System.Net.Http.Headers;
using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// A <c>claude</c> channel: the request goes upstream as the client sent it (only <c>model</c> is
/// rewritten when the channel maps it, and the credentials are the channel's), and the response
/// comes back byte for byte, streamed event by event.
/// </summary>
public sealed class ClaudeAdapter(GatewaySettings settings, TimeProvider timeProvider, ILogger<ClaudeAdapter> logger) : IUpstreamAdapter
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public string ServiceType => Configuration.ServiceType.Claude;

    public bool Serves(ProxyEndpoint endpoint) => true;

    public HttpRequestMessage CreateRequest(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var channel = attempt.Channel;
        var message = new HttpRequestMessage(new HttpMethod(request.Method), ClaudeUrl.Build(channel.BaseUrl!, request.PathAndQuery))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };

        if (request.Body.Length > 0)
        {
            message.Content = CreateContent(request, channel);
        }

        ForwardedHeaders.CopyClientHeaders(request.ClientHeaders, message);
        if (message.Content is not null)
        {
            message.Content.Headers.ContentType ??= Json;
        }

        ClaudeAuth.Apply(message, channel, attempt.ApiKey);

        return message;
    }

    public HttpRequestMessage CreateProbeRequest(ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var request = new HttpRequestMessage(HttpMethod.Get, ClaudeUrl.Build(channel.BaseUrl!, "/v1/models"));
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        ClaudeAuth.Apply(request, channel, apiKey);
        return request;
    }

    public async Task<ReceivedAnswer> ReceiveAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(timer);
        if (request.Endpoint == ProxyEndpoint.Models)
        {
            var list = await UpstreamAnswerReader.ReadBodyAsync(upstream.Content, ClaudeModelList.MaxBodyBytes, timer.Token);
            return ReceivedAnswer.Ready(new ClaudeModelList(list, attempt));
        }

        if (upstream.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var body = await UpstreamAnswerReader.ReadBodyAsync(upstream.Content, settings.MaxResponseBodyBytes, timer.Token);
            JsonBody.EnsureValid(body);
            SecretRedactor.Overwrite(body, attempt.ApiKey);
            return ReceivedAnswer.Ready(ClaudeAnswer.Body(upstream, attempt, timer, logger, body));
        }

        // The stream passes through untouched but for the channel's key, should the upstream echo it (an error event).
        var redacted = new SecretRedactingStream(await upstream.Content.ReadAsStreamAsync(timer.Token), attempt.ApiKey);
        var stream = await UpstreamAnswerReader.ReadFirstEventAsync(redacted, settings.MaxSseEventBytes, timer);
        if (StreamStartError.Detect(stream.ReadAhead, StreamStartError.AnthropicErrorEvent, attempt, request.RequestId) is { } failure)
        {
            await stream.DisposeAsync();
            return ReceivedAnswer.Failed(failure with
            {
                Headers = UpstreamErrorBody.RelayedHeaders(upstream.Headers, IsRelayed),
            });
        }

        return ReceivedAnswer.Ready(ClaudeAnswer.EventStream(upstream, attempt, timer, logger, stream, settings.MaxSseEventBytes));
    }

    public async Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
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

    private static HttpContent CreateContent(ProxyRequest request, ChannelConfig channel)
    {
        var body = request.Body.Memory;
        var peek = request.Peek;
        if (request.Endpoint != ProxyEndpoint.Models && ForeignThinkingFilter.TryStrip(body.Span, out var stripped))
        {
            body = stripped;
            peek = MessageRequestPeek.TryRead(stripped, out _) ?? peek;
        }

        if (peek.Model is { } model)
        {
            var mapped = ModelMapper.Map(channel.ModelMapping, model);
            if (!string.Equals(mapped, model, StringComparison.Ordinal))
            {
                // A new body gets a new Content-Length from HttpClient (the stale length broke claude-proxy).
                return new ByteArrayContent(JsonStringSplice.Replace(body.Span, peek.ModelToken, mapped));
            }
        }

        return new ReadOnlyMemoryContent(body);
    }
}
