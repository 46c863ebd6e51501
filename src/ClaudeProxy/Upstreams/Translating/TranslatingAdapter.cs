using System.Net.Http.Headers;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Upstreams.Passthrough;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// A channel whose upstream speaks another protocol than Anthropic Messages: the request is
/// translated by the channel's <see cref="IUpstreamProtocol"/> and sent from the translator's own
/// buffer, and the answer — JSON or an event stream — is translated back, event by event as it arrives.
/// </summary>
public sealed class TranslatingAdapter(IUpstreamProtocol protocol, GatewaySettings settings, TimeProvider timeProvider, ILogger<TranslatingAdapter> logger) : IUpstreamAdapter
{
    private static readonly ProductInfoHeaderValue UserAgent = new("ClaudeProxy", GatewayVersion.Current);
    private static readonly MediaTypeWithQualityHeaderValue AcceptEvents = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly TranslationLog _log = new(logger);

    public string ServiceType => protocol.ServiceType;

    /// <summary>Messages only: token counting is answered locally and model lists come from the config.</summary>
    public bool Serves(ProxyEndpoint endpoint) => endpoint == ProxyEndpoint.Messages;

    public UpstreamCall CreateCall(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        if (request.Door is { } door && protocol is IPassthroughProtocol passthrough && passthrough.Door == door.Protocol && passthrough.CanPass(door))
        {
            return CreatePassthroughCall(door, passthrough, request, attempt);
        }

        var (url, mapping) = protocol.Map(request, attempt);
        _log.Notes(attempt, mapping.Notes, request.RequestId);
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new TranslatedContent(mapping) };
        message.Headers.UserAgent.Add(UserAgent);
        message.Headers.Accept.Add(mapping.Stream ? AcceptEvents : AcceptJson);
        protocol.Authorize(message, attempt.ApiKey);
        return new TranslatedCall(message, mapping, protocol, request, attempt, settings, timeProvider, _log);
    }

    private PassthroughCall CreatePassthroughCall(DoorBody door, IPassthroughProtocol passthrough, ProxyRequest request, UpstreamAttempt attempt)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, passthrough.PassthroughUrl(request, attempt)) { Content = PassthroughCall.Content(door, attempt) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.UserAgent.Add(UserAgent);
        message.Headers.Accept.Add(request.IsStreaming ? AcceptEvents : AcceptJson);
        protocol.Authorize(message, attempt.ApiKey);
        return new PassthroughCall(message, passthrough, protocol.TranslateError, request, attempt, settings, timeProvider, logger);
    }

    public HttpRequestMessage CreateProbeRequest(ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var request = new HttpRequestMessage(HttpMethod.Get, protocol.ProbeUrl(channel));
        protocol.Authorize(request, apiKey);
        return request;
    }
}
