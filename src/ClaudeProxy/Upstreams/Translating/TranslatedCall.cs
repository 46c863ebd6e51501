using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// One attempt on a translating channel: the translated request (its body sent from the mapper's
/// pooled buffer) and the mapping that reads the answer back, tool names and all.
/// </summary>
internal sealed class TranslatedCall(
    HttpRequestMessage message,
    RequestMapping mapping,
    IUpstreamProtocol protocol,
    ProxyRequest request,
    UpstreamAttempt attempt,
    GatewaySettings settings,
    TimeProvider timeProvider,
    TranslationLog log) : UpstreamCall(message)
{
    public override Task<ReceivedAnswer> ReceiveAsync(HttpResponseMessage upstream, UpstreamCallTimer timer) =>
        TranslatedAnswers.ReceiveAsync(upstream, request, attempt, timer, protocol.Answer(mapping, request, attempt), log, settings);

    public override Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, CancellationToken cancellationToken) =>
        TranslatedFailure.ReadAsync(upstream, request, attempt, timeProvider, protocol.TranslateError, cancellationToken);
}
