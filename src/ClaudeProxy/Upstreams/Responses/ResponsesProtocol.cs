using System.Net.Http.Headers;
using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Responses;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Upstreams.Translating;

namespace ClaudeProxy.Upstreams.Responses;

/// <summary>
/// OpenAI Responses (<c>responses</c>): a Bearer key, <c>{baseUrl}/v1/responses</c> with
/// <c>store: false</c>, and the Responses mappers both ways. Reasoning items come back inside the
/// thinking block's signature, so a stateless upstream still gets its reasoning on the next turn.
/// </summary>
public sealed class ResponsesProtocol : IUpstreamProtocol
{
    private readonly PerChannel<ResponsesChannel> _channels = new(channel => new ResponsesChannel(
        ResponsesUrl.Build(channel.BaseUrl!),
        ReasoningSetting.Parse(channel.Reasoning),
        channel.MaxTokens,
        channel.FoldSystemMessages ?? false,
        channel.ForwardUserId ?? true));

    public string ServiceType => Configuration.ServiceType.Responses;

    public string Name => "Responses";

    public MappedRequest Map(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var channel = _channels.For(attempt.Channel.Config);
        var options = new ResponsesRequestOptions
        {
            Model = ModelMapper.Map(attempt.Channel.Config.ModelMapping, request.Peek.Model ?? ""),
            MaxTokensCap = channel.MaxTokensCap,
            Reasoning = channel.Reasoning,
            FoldSystemMessages = channel.FoldSystemMessages,
            ForwardUserId = channel.ForwardUserId,
        };
        return new MappedRequest(channel.Url, ResponsesRequestMapper.Map(request.Root, request.Body.Length, options));
    }

    public void Authorize(HttpRequestMessage message, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public Uri ProbeUrl(ChannelConfig channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new Uri(BaseUrls.Versioned(channel.BaseUrl!, "/v1") + "/models");
    }

    public ResponseTranslation Answer(RequestMapping mapping, ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(request);
        var context = new ResponsesResponseContext(request.Peek.Model ?? "", mapping.ToolNames);
        return new ResponseTranslation(
            Name,
            output => new ResponsesStreamTranslator(output, context) { ErrorMessageFilter = UpstreamSecrets.Redactor(attempt) },
            UpstreamSecrets.RedactingErrors(body => ResponsesResponseMapper.Map(body, context), attempt),
            context.Notes,
            ResponsesStreamStart.ReadError,
            ResponsesStreamStart.CarriesAnswer);
    }

    public TranslatedError TranslateError(int status, byte[] body) => ResponsesErrorTranslator.Translate(status, body);

    /// <summary>A channel's URL and mapping settings, derived once per config snapshot.</summary>
    private sealed record ResponsesChannel(Uri Url, ReasoningStyle Reasoning, int? MaxTokensCap, bool FoldSystemMessages, bool ForwardUserId);
}
