using System.Net;
using System.Net.Http.Headers;
using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;
using ClaudeProxy.Security;
using Microsoft.AspNetCore.Http.Features;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// A <c>claude</c> channel: the request goes upstream as the client sent it (only <c>model</c> is
/// rewritten when the channel maps it, and the credentials are the channel's), and the response
/// comes back byte for byte, streamed event by event.
/// </summary>
public sealed partial class ClaudeAdapter(TimeProvider timeProvider, ILogger<ClaudeAdapter> logger) : IUpstreamAdapter
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

    public async Task WriteResponseAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, HttpContext context, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timer);
        if (request.Endpoint == ProxyEndpoint.Models)
        {
            await ClaudeModelList.WriteAsync(upstream, attempt, context, timer.Token);
            return;
        }

        var response = context.Response;
        var eventStream = upstream.Content.Headers.ContentType?.MediaType == "text/event-stream";
        response.StatusCode = (int)upstream.StatusCode;
        ForwardedHeaders.CopyResponseHeaders(upstream, response, keepContentLength: !eventStream);
        SecretRedactor.Redact(response.Headers, attempt.ApiKey);
        if (eventStream)
        {
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        }

        // The body passes through untouched but for the channel's key, should the upstream echo it (an error event in a stream).
        await using var body = new SecretRedactingStream(await upstream.Content.ReadAsStreamAsync(timer.Token), attempt.ApiKey);
        try
        {
            await ResponseRelay.CopyAsync(body, response, eventStream, timer);
        }
        catch (Exception ex) when (!timer.ClientAborted && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            var reason = timer.TimedOut
                ? $"Upstream channel '{attempt.Channel.DisplayName}' sent nothing for {timer.CurrentLimit.TotalSeconds:0} s."
                : $"Upstream channel '{attempt.Channel.DisplayName}' broke off the response: {ex.Message}";
            LogBrokenResponse(attempt.Channel.DisplayName, attempt.KeyFingerprint, reason);
            if (!eventStream)
            {
                // A truncated JSON body must not look complete.
                context.Abort();
                return;
            }

            var errorType = timer.TimedOut ? AnthropicErrorType.Timeout : AnthropicErrorType.Api;
            await response.Body.WriteAsync(AnthropicSseErrorEvent.ToUtf8Bytes(errorType, reason), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} key {Key}: {Reason}")]
    private partial void LogBrokenResponse(string channel, string key, string reason);
}
