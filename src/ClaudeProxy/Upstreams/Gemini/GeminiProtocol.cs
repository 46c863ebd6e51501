using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Doors.Gemini;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Upstreams.Passthrough;
using ClaudeProxy.Upstreams.Translating;

namespace ClaudeProxy.Upstreams.Gemini;

/// <summary>
/// Gemini <c>generateContent</c> (or <c>streamGenerateContent?alt=sse</c>), sent with
/// <c>x-goog-api-key</c>. Thought signatures of the calls Gemini hands out are remembered here, for
/// the next request of the conversation. Requests of the Gemini door pass through untranslated.
/// </summary>
public sealed class GeminiProtocol(TimeProvider timeProvider) : IUpstreamProtocol, IPassthroughProtocol
{
    private readonly ThoughtSignatureCache _signatures = new(timeProvider);
    private readonly PerChannel<GeminiChannel> _channels = new(channel => new GeminiChannel(
        new GeminiUrl(channel.BaseUrl!), ReasoningSetting.Parse(channel.Reasoning), channel.MaxTokens, channel.FoldSystemMessages ?? false));

    public string ServiceType => Configuration.ServiceType.Gemini;

    public string Name => "generateContent";

    public MappedRequest Map(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var channel = _channels.For(attempt.Target);
        var model = ModelMapper.Map(attempt.Channel.Config.ModelMapping, request.Peek.Model ?? "");
        var options = new GeminiRequestOptions
        {
            Model = GeminiUrl.ModelId(model),
            MaxTokensCap = channel.MaxTokensCap,
            Reasoning = channel.Reasoning,
            Signatures = _signatures,
            FoldSystemMessages = channel.FoldSystemMessages,
            InjectDummyThoughtSignature = attempt.Channel.Config.InjectDummyThoughtSignature ?? false,
            StripThoughtSignature = attempt.Channel.Config.StripThoughtSignature ?? false,
        };
        var mapping = GeminiRequestMapper.Map(request.Root, request.Body.Length, options);
        return new MappedRequest(channel.Url.For(model, mapping.Stream), mapping);
    }

    public void Authorize(HttpRequestMessage message, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Headers.Add("x-goog-api-key", apiKey);
    }

    public Uri ProbeUrl(ChannelConfig channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return _channels.For(channel).Url.Models;
    }

    public ResponseTranslation Answer(RequestMapping mapping, ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(request);
        var context = new GeminiResponseContext(request.Peek.Model ?? "", mapping.ToolNames, _signatures);
        return new ResponseTranslation(
            Name,
            output => new GeminiStreamTranslator(output, context) { ErrorMessageFilter = UpstreamSecrets.Redactor(attempt) },
            UpstreamSecrets.RedactingErrors(body => GeminiResponseMapper.Map(body, context), attempt),
            context.Notes,
            static (_, data) => TranslatedAnswers.ErrorChunk(data, GeminiErrorTranslator.FromStreamPayload),
            GeminiStreamStart.CarriesAnswer);
    }

    public TranslatedError TranslateError(int status, byte[] body) => GeminiErrorTranslator.Translate(status, body);

    public DoorProtocol Door => DoorProtocol.Gemini;

    public bool CanPass(DoorBody door) => true;

    /// <summary>The model is in the path: the one the client named, mapped by the channel.</summary>
    public Uri PassthroughUrl(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var model = ModelMapper.Map(attempt.Channel.Config.ModelMapping, request.Peek.Model ?? "");
        return _channels.For(attempt.Target).Url.For(model, request.IsStreaming);
    }

    public bool CarriesAnswer(ReadOnlySpan<byte> data) => GeminiStreamStart.CarriesAnswer(data);

    public (string ErrorType, string Message)? ReadStreamError(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) =>
        TranslatedAnswers.ErrorChunk(data, GeminiErrorTranslator.FromStreamPayload);

    public IPassthroughTap CreateTap() => new ChunkStreamTap("\"usageMetadata\""u8.ToArray(), GeminiUsage.From, GeminiErrorTranslator.FromStreamPayload);

    public AnthropicUsage? ReadUsage(ReadOnlySpan<byte> body) => AnswerUsage.Read(body, "usageMetadata"u8, GeminiUsage.From);

    /// <summary>Google's error object as the stream's last chunk, as its API ends a failed stream.</summary>
    public byte[] StreamErrorEvent(string errorType, string message)
    {
        var status = AnthropicErrorType.ToStatus(errorType);
        var error = GeminiDoorErrorTranslator.Create(GeminiDoorErrorTranslator.ClientStatus(status), message, GeminiDoorErrorTranslator.StatusName(status));
        return [.. "data: "u8, .. error, .. "\r\n\r\n"u8];
    }

    /// <summary>A channel's URLs and mapping settings, derived once per config snapshot.</summary>
    private sealed record GeminiChannel(GeminiUrl Url, ReasoningStyle Reasoning, int? MaxTokensCap, bool FoldSystemMessages);
}
