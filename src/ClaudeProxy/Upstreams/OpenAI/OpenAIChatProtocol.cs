using System.Net.Http.Headers;
using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Upstreams.Translating;

namespace ClaudeProxy.Upstreams.OpenAI;

/// <summary>
/// OpenAI Chat Completions (<c>openai</c>, or <c>openaiold</c> for servers that take
/// <c>max_tokens</c>): a Bearer key, <c>{baseUrl}/v1/chat/completions</c>, and the Chat Completions
/// mappers both ways.
/// </summary>
public sealed class OpenAIChatProtocol(string serviceType, bool useMaxCompletionTokens) : IUpstreamProtocol
{
    private readonly PerChannel<OpenAIChannel> _channels = new(channel => new OpenAIChannel(
        ChatCompletionsUrl.Build(channel.BaseUrl!),
        ReasoningSetting.Parse(channel.Reasoning),
        channel.MaxTokens,
        channel.SystemMessagesInPlace ?? false,
        channel.FoldSystemMessages ?? false,
        channel.ForwardUserId ?? true));

    public string ServiceType => serviceType;

    public string Name => "Chat Completions";

    public MappedRequest Map(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var channel = _channels.For(attempt.Channel.Config);
        var options = new ChatRequestOptions
        {
            Model = ModelMapper.Map(attempt.Channel.Config.ModelMapping, request.Peek.Model ?? ""),
            UseMaxCompletionTokens = useMaxCompletionTokens,
            MaxTokensCap = channel.MaxTokensCap,
            Reasoning = channel.Reasoning,
            SystemMessagesInPlace = channel.SystemMessagesInPlace,
            FoldSystemMessages = channel.FoldSystemMessages,
            ForwardUserId = channel.ForwardUserId,
        };
        return new MappedRequest(channel.Url, ChatRequestMapper.Map(request.Root, request.Body.Length, options));
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
        var context = new ChatResponseContext(request.Peek.Model ?? "", mapping.ToolNames);
        return new ResponseTranslation(
            Name,
            output => new ChatStreamTranslator(output, context) { ErrorMessageFilter = UpstreamSecrets.Redactor(attempt) },
            UpstreamSecrets.RedactingErrors(body => ChatResponseMapper.Map(body, context), attempt),
            context.Notes,
            static (_, data) => TranslatedAnswers.ErrorChunk(data, ChatErrorTranslator.FromStreamPayload),
            ChatStreamStart.CarriesAnswer);
    }

    public TranslatedError TranslateError(int status, byte[] body) => ChatErrorTranslator.Translate(status, body);

    /// <summary>A channel's URL and mapping settings, derived once per config snapshot.</summary>
    private sealed record OpenAIChannel(Uri Url, ReasoningStyle Reasoning, int? MaxTokensCap, bool SystemMessagesInPlace, bool FoldSystemMessages, bool ForwardUserId);
}
