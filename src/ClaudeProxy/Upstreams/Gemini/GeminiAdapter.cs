using System.Net.Http.Headers;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
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
public sealed partial class GeminiAdapter(TimeProvider timeProvider, ILogger<GeminiAdapter> logger) : IUpstreamAdapter
{
    private const string Protocol = "generateContent";

    private static readonly HttpRequestOptionsKey<GeminiRequestMapping> MappingKey = new("claude-proxy.gemini-mapping");
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("ClaudeProxy", GatewayVersion.Current);

    private readonly ThoughtSignatureCache _signatures = new(timeProvider);

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
        foreach (var note in mapping.Notes)
        {
            LogTranslationNote(channel.DisplayName, note, request.RequestId);
        }

        var message = new HttpRequestMessage(HttpMethod.Post, GeminiUrl.Build(channel.BaseUrl!, model, mapping.Stream))
        {
            Content = new ByteArrayContent(mapping.Body),
        };
        message.Content.Headers.ContentType = Json;
        message.Headers.Add("x-goog-api-key", attempt.ApiKey);
        message.Headers.UserAgent.Add(UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mapping.Stream ? "text/event-stream" : "application/json"));
        message.Options.Set(MappingKey, mapping);
        return message;
    }

    public async Task WriteResponseAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, HttpContext context, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        upstream.RequestMessage!.Options.TryGetValue(MappingKey, out var mapping);
        var responseContext = new GeminiResponseContext(request.Peek.Model ?? "", mapping!.ToolNames, _signatures);
        try
        {
            if (request.IsStreaming)
            {
                await TranslatedResponseWriter.WriteStreamAsync(upstream, attempt, context, timer,
                    output => new GeminiStreamTranslator(output, responseContext),
                    reason => LogBrokenStream(attempt.Channel.DisplayName, attempt.KeyFingerprint, reason, request.RequestId));
            }
            else
            {
                await TranslatedResponseWriter.WriteMessageAsync(upstream, attempt, context, timer, Protocol,
                    body => GeminiResponseMapper.Map(body, responseContext));
            }
        }
        finally
        {
            foreach (var note in responseContext.Notes)
            {
                LogTranslationNote(attempt.Channel.DisplayName, note, request.RequestId);
            }
        }
    }

    public Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, CancellationToken cancellationToken) =>
        TranslatedFailure.ReadAsync(upstream, request, attempt, timeProvider, (status, body) => GeminiErrorTranslator.Translate(status, body), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Channel}: {Note} [{RequestId}]")]
    private partial void LogTranslationNote(string channel, string note, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel}: reasoning '{Reasoning}' is not a Gemini style (gemini-budget, gemini-level); thinking controls are dropped [{RequestId}]")]
    private partial void LogNotGeminiReasoning(string channel, string? reasoning, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} key {Key}: {Reason} [{RequestId}]")]
    private partial void LogBrokenStream(string channel, string key, string reason, string requestId);
}
