using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Upstreams.Gemini;

/// <summary>
/// A <c>gemini</c> channel: the Anthropic request is translated to <c>generateContent</c> (or
/// <c>streamGenerateContent?alt=sse</c>), sent with <c>x-goog-api-key</c>, and the answer — JSON or
/// an event stream — is translated back, event by event as chunks arrive. Thought signatures of the
/// calls it hands out are remembered here, for the next request of the conversation.
/// </summary>
public sealed partial class GeminiAdapter(GatewaySettings settings, TimeProvider timeProvider, ILogger<GeminiAdapter> logger) : IUpstreamAdapter
{
    private const string Protocol = "generateContent";

    private static readonly HttpRequestOptionsKey<GeminiRequestMapping> MappingKey = new("claude-proxy.gemini-mapping");

    private readonly ThoughtSignatureCache _signatures = new(timeProvider);
    private readonly TranslationLog _log = new(logger);

    public string ServiceType => Configuration.ServiceType.Gemini;

    /// <summary>Messages only: token counting is answered locally and model lists come from the config.</summary>
    public bool Serves(ProxyEndpoint endpoint) => endpoint == ProxyEndpoint.Messages;

    public HttpRequestMessage CreateRequest(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var channel = attempt.Channel;
        var model = ModelMapper.Map(channel.ModelMapping, request.Peek.Model ?? "");
        var reasoning = ReasoningSetting.Parse(channel.Reasoning);
        if (reasoning is not (ReasoningStyle.None or ReasoningStyle.GeminiBudget or ReasoningStyle.GeminiLevel))
        {
            LogNotGeminiReasoning(channel.DisplayName, channel.Reasoning, request.RequestId);
            reasoning = ReasoningStyle.None;
        }

        var options = new GeminiRequestOptions
        {
            Model = GeminiUrl.ModelId(model),
            MaxTokensCap = channel.MaxTokens,
            Reasoning = reasoning,
            Signatures = _signatures,
        };
        var mapping = GeminiRequestMapper.Map(request.Body.Memory, options);
        _log.Notes(attempt, mapping.Notes, request.RequestId);
        var message = TranslatedRequest.Create(GeminiUrl.Build(channel.BaseUrl!, model, mapping.Stream), mapping.Body, mapping.Stream);
        message.Headers.Add("x-goog-api-key", attempt.ApiKey);
        message.Options.Set(MappingKey, mapping);
        return message;
    }

    public HttpRequestMessage CreateProbeRequest(ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var request = new HttpRequestMessage(HttpMethod.Get, BaseUrls.Versioned(channel.BaseUrl!, "/v1beta") + "/models");
        request.Headers.Add("x-goog-api-key", apiKey);
        return request;
    }

    public Task<ReceivedAnswer> ReceiveAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        upstream.RequestMessage!.Options.TryGetValue(MappingKey, out var mapping);
        var responseContext = new GeminiResponseContext(request.Peek.Model ?? "", mapping!.ToolNames, _signatures);
        return TranslatedAnswers.ReceiveAsync(upstream, request, attempt, timer, new ResponseTranslation(
            Protocol,
            output => new GeminiStreamTranslator(output, responseContext) { ErrorMessageFilter = UpstreamSecrets.Redactor(attempt) },
            UpstreamSecrets.RedactingErrors(body => GeminiResponseMapper.Map(body, responseContext), attempt),
            responseContext.Notes,
            static (_, data) => TranslatedAnswers.ErrorChunk(data, GeminiErrorTranslator.FromStreamPayload)), _log, settings);
    }

    public Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, CancellationToken cancellationToken) =>
        TranslatedFailure.ReadAsync(upstream, request, attempt, timeProvider, (status, body) => GeminiErrorTranslator.Translate(status, body), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel}: reasoning '{Reasoning}' is not a Gemini style (gemini-budget, gemini-level); thinking controls are dropped [{RequestId}]")]
    private partial void LogNotGeminiReasoning(string channel, string? reasoning, string requestId);
}
