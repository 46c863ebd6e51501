using ClaudeProxy.Configuration;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Speaks to one kind of upstream: builds each attempt's <see cref="UpstreamCall"/>, which sends the
/// request and reads the answer back in Anthropic form.
/// </summary>
public interface IUpstreamAdapter
{
    string ServiceType { get; }

    /// <summary>The endpoints this protocol can serve by calling the upstream.</summary>
    bool Serves(ProxyEndpoint endpoint);

    /// <summary>
    /// The call for one attempt. Throws <see cref="Protocols.Translation.TranslationException"/> when the
    /// request cannot be expressed in the upstream's protocol (any channel of this type would refuse it alike).
    /// </summary>
    UpstreamCall CreateCall(ProxyRequest request, UpstreamAttempt attempt);

    /// <summary>
    /// A cheap authenticated request for the admin ping: the channel's model list, with the same URL and
    /// credential rules as its real requests.
    /// </summary>
    HttpRequestMessage CreateProbeRequest(ChannelConfig channel, string apiKey);
}
