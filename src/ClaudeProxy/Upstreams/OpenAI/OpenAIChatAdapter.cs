using System.Net.Http.Headers;
using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Upstreams.OpenAI;

/// <summary>
/// An OpenAI-compatible channel (<c>openai</c>, or <c>openaiold</c> for servers that take
/// <c>max_tokens</c>): the Anthropic request is translated to Chat Completions, and the answer —
/// JSON or a chunk stream — is translated back, event by event as chunks arrive.
/// </summary>
public sealed class OpenAIChatAdapter(string serviceType, bool useMaxCompletionTokens, GatewaySettings settings, ILogger<OpenAIChatAdapter> logger) : IUpstreamAdapter
{
    private const string Protocol = "Chat Completions";

    private static readonly HttpRequestOptionsKey<ChatRequestMapping> MappingKey = new("claude-proxy.chat-mapping");

    private readonly TranslationLog _log = new(logger);

    public string ServiceType => serviceType;

    /// <summary>Messages only: token counting is answered locally and model lists come from the config.</summary>
    public bool Serves(ProxyEndpoint endpoint) => endpoint == ProxyEndpoint.Messages;

    public HttpRequestMessage CreateRequest(ProxyRequest request, UpstreamAttempt attempt)
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
        var mapping = ChatRequestMapper.Map(request.Body.Memory, options);
        _log.Notes(attempt, mapping.Notes, request.RequestId);
        var message = TranslatedRequest.Create(ChatCompletionsUrl.Build(channel.BaseUrl!), mapping.Body, mapping.Stream);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", attempt.ApiKey);
        message.Options.Set(MappingKey, mapping);
        return message;
    }

    public HttpRequestMessage CreateProbeRequest(ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var request = new HttpRequestMessage(HttpMethod.Get, BaseUrls.Versioned(channel.BaseUrl!, "/v1") + "/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return request;
    }

    public Task<ReceivedAnswer> ReceiveAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        upstream.RequestMessage!.Options.TryGetValue(MappingKey, out var mapping);
        var responseContext = new ChatResponseContext(request.Peek.Model ?? "", mapping!.ToolNames);
        return TranslatedAnswers.ReceiveAsync(upstream, request, attempt, timer, new ResponseTranslation(
            Protocol,
            output => new ChatStreamTranslator(output, responseContext) { ErrorMessageFilter = UpstreamSecrets.Redactor(attempt) },
            UpstreamSecrets.RedactingErrors(body => ChatResponseMapper.Map(body, responseContext), attempt),
            responseContext.Notes,
            static (_, data) => TranslatedAnswers.ErrorChunk(data, ChatErrorTranslator.FromStreamPayload)), _log, settings);
    }

    /// <summary>A dated Retry-After is measured against the system clock: this adapter is built without a <see cref="TimeProvider"/>.</summary>
    public Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, CancellationToken cancellationToken) =>
        TranslatedFailure.ReadAsync(upstream, request, attempt, TimeProvider.System, (status, body) => ChatErrorTranslator.Translate(status, body), cancellationToken);
}
