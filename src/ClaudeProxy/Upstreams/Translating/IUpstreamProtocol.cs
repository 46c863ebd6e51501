using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// One upstream protocol the <see cref="TranslatingAdapter"/> speaks: how an Anthropic request maps
/// to it and where it goes, how it carries a key, and how its answers and errors read back. Adding a
/// protocol is adding one of these; sending, failing over, reading bounded bodies and committing to
/// the client stay in the adapter.
/// </summary>
public interface IUpstreamProtocol
{
    /// <summary>The channel <c>serviceType</c> this protocol serves.</summary>
    string ServiceType { get; }

    /// <summary>The protocol's name, for the error when an answer is not in it.</summary>
    string Name { get; }

    /// <summary>Translates the client's request for the attempt's channel; throws <see cref="TranslationException"/> when it cannot be expressed.</summary>
    MappedRequest Map(ProxyRequest request, UpstreamAttempt attempt);

    void Authorize(HttpRequestMessage message, string apiKey);

    /// <summary>The channel's model list, which the admin ping reads.</summary>
    Uri ProbeUrl(ChannelConfig channel);

    /// <summary>How this attempt's 2xx answer turns into the client's.</summary>
    ResponseTranslation Answer(RequestMapping mapping, ProxyRequest request, UpstreamAttempt attempt);

    /// <summary>A non-2xx answer's status and error body in Anthropic terms.</summary>
    TranslatedError TranslateError(int status, byte[] body);
}

/// <summary>A translated request and where it goes.</summary>
public readonly record struct MappedRequest(Uri Url, RequestMapping Mapping);
