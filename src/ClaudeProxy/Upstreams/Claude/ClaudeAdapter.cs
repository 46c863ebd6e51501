using System.Net;
using System.Net.Http.Headers;
using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// A <c>claude</c> channel: the request goes upstream as the client sent it (only <c>model</c> is
/// rewritten when the channel maps it, and the credentials are the channel's), and the response
/// comes back byte for byte, streamed event by event.
/// </summary>
public sealed class ClaudeAdapter(GatewaySettings settings, TimeProvider timeProvider, ILogger<ClaudeAdapter> logger) : IUpstreamAdapter
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly PerChannel<ClaudeChannel> _channels = new(channel => new ClaudeChannel(new ClaudeUrl(channel.BaseUrl!), new ClaudeAuth(channel.AuthStyle)));

    public string ServiceType => Configuration.ServiceType.Claude;

    public bool Serves(ProxyEndpoint endpoint) => true;

    public UpstreamCall CreateCall(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var channel = attempt.Channel.Config;
        var compiled = _channels.For(attempt.Target);
        var message = new HttpRequestMessage(HttpMethod.Parse(request.Method), compiled.Url.For(request.PathAndQuery))
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

        compiled.Auth.Apply(message, attempt.ApiKey);
        return new ClaudeCall(message, request, attempt, settings, timeProvider, logger);
    }

    public HttpRequestMessage CreateProbeRequest(ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var compiled = _channels.For(channel);
        var request = new HttpRequestMessage(HttpMethod.Get, compiled.Url.For("/v1/models"));
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        compiled.Auth.Apply(request, apiKey);
        return request;
    }

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

    /// <summary>A channel's URL and key rules, derived once per config snapshot.</summary>
    private sealed record ClaudeChannel(ClaudeUrl Url, ClaudeAuth Auth);
}
