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
    public string ServiceType => serviceType;

    public string Name => "Chat Completions";

    public MappedRequest Map(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var channel = attempt.Channel;
        var options = new ChatRequestOptions
        {
            Model = ModelMapper.Map(channel.ModelMapping, request.Peek.Model ?? ""),
            UseMaxCompletionTokens = useMaxCompletionTokens,
            MaxTokensCap = channel.MaxTokens,
            Reasoning = ReasoningSetting.Parse(channel.Reasoning),
            SystemMessagesInPlace = channel.SystemMessagesInPlace ?? false,
            ForwardUserId = channel.ForwardUserId ?? true,
        };
        return new MappedRequest(ChatCompletionsUrl.Build(channel.BaseUrl!), ChatRequestMapper.Map(request.Root, request.Body.Length, options));
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
            static (_, data) => TranslatedAnswers.ErrorChunk(data, ChatErrorTranslator.FromStreamPayload));
    }

    public TranslatedError TranslateError(int status, byte[] body) => ChatErrorTranslator.Translate(status, body);
}
