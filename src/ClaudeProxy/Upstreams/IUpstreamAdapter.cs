using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Speaks one upstream protocol: builds the upstream request for an attempt, writes a successful
/// upstream response to the client in Anthropic form, and turns a failed one into an Anthropic error.
/// </summary>
public interface IUpstreamAdapter
{
    string ServiceType { get; }

    /// <summary>The endpoints this protocol can serve by calling the upstream.</summary>
    bool Serves(ProxyEndpoint endpoint);

    HttpRequestMessage CreateRequest(ProxyRequest request, UpstreamAttempt attempt);

    /// <summary>Writes the 2xx upstream response to the client. Once this starts, the response is committed.</summary>
    Task WriteResponseAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, HttpContext context, UpstreamCallTimer timer);

    Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, CancellationToken cancellationToken);
}
