using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Proxy;

/// <summary>
/// A client request as the upstream adapters see it: read once, parsed once (a body request's JSON
/// lives in <see cref="Parsed"/>, and <see cref="Peek"/> holds what routing needs from it). A door that
/// translates presents the request it made of the client's: Anthropic Messages, with the hub's path.
/// </summary>
public sealed record ProxyRequest(
    ProxyEndpoint Endpoint,
    string Method,
    string PathAndQuery,
    IHeaderDictionary ClientHeaders,
    RequestBody Body,
    MessageRequestPeek Peek,
    string RequestId,
    ParsedMessageRequest? Parsed = null)
{
    public bool IsStreaming => Peek.Stream;

    /// <summary>The path the client called, for the request log: <see cref="PathAndQuery"/>'s path unless a door translated the request.</summary>
    public string ClientPath { get; init; } = PathAndQuery.IndexOf('?', StringComparison.Ordinal) is var query and >= 0 ? PathAndQuery[..query] : PathAndQuery;

    /// <summary>The client's own request when a door translated it, for a channel of the door's protocol to take untranslated.</summary>
    public DoorBody? Door { get; init; }

    /// <summary>The body's JSON object; only body requests (messages, count_tokens) have one.</summary>
    public JsonElement Root => Parsed?.Root ?? throw new InvalidOperationException($"A {Endpoint} request has no JSON body.");
}
