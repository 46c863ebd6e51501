using ClaudeProxy.Configuration;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Speaks one upstream protocol: builds the upstream request for an attempt, receives a successful
/// upstream response far enough to know it arrived (then writes it to the client in Anthropic form),
/// and turns a failed one into an Anthropic error.
/// </summary>
public interface IUpstreamAdapter
{
    string ServiceType { get; }

    /// <summary>The endpoints this protocol can serve by calling the upstream.</summary>
    bool Serves(ProxyEndpoint endpoint);

    HttpRequestMessage CreateRequest(ProxyRequest request, UpstreamAttempt attempt);

    /// <summary>
    /// A cheap authenticated request for the admin ping: the channel's model list, with the same URL and
    /// credential rules as its real requests.
    /// </summary>
    HttpRequestMessage CreateProbeRequest(ChannelConfig channel, string apiKey);

    /// <summary>
    /// Reads a 2xx upstream response up to its commit point — a non-stream body whole and readable, a
    /// stream's first event — without writing to the client. A body that breaks, times out, passes a
    /// limit or cannot be read throws (<see cref="IOException"/>, <see cref="HttpRequestException"/>,
    /// <see cref="OperationCanceledException"/>, <see cref="System.Text.Json.JsonException"/>), and the
    /// attempt fails over like a 5xx.
    /// </summary>
    Task<ReceivedAnswer> ReceiveAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, UpstreamCallTimer timer);

    Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, CancellationToken cancellationToken);
}
