using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Proxy;

/// <summary>A client request as the upstream adapters see it: read once, parsed only as far as routing needs.</summary>
public sealed record ProxyRequest(
    ProxyEndpoint Endpoint,
    string Method,
    string PathAndQuery,
    IHeaderDictionary ClientHeaders,
    RequestBody Body,
    MessageRequestPeek Peek,
    string RequestId)
{
    public bool IsStreaming => Peek.Stream;
}
