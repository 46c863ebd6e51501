using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Upstreams.Passthrough;
using ClaudeProxy.Upstreams.Translating;

namespace ClaudeProxy.Upstreams.OpenAI;

/// <summary>
/// OpenAI Chat Completions (<c>openai</c>, or <c>openaiold</c> for servers that take
/// <c>max_tokens</c>): a Bearer key, <c>{baseUrl}/v1/chat/completions</c>, and the Chat Completions
/// mappers both ways. Requests of the Chat Completions door pass through <c>openai</c> channels
/// untranslated; <c>openaiold</c> channels exist to rewrite them, so they translate.
/// </summary>
public sealed class OpenAIChatProtocol(string serviceType, bool useMaxCompletionTokens) : IUpstreamProtocol, IPassthroughProtocol
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
        var channel = _channels.For(attempt.Target);
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

    public DoorProtocol Door => DoorProtocol.ChatCompletions;

    public bool CanPass(DoorBody door) => useMaxCompletionTokens;

    public Uri PassthroughUrl(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return _channels.For(attempt.Target).Url;
    }

    public bool CarriesAnswer(ReadOnlySpan<byte> data) => ChatStreamStart.CarriesAnswer(data);

    public (string ErrorType, string Message)? ReadStreamError(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) =>
        TranslatedAnswers.ErrorChunk(data, ChatErrorTranslator.FromStreamPayload);

    public IPassthroughTap CreateTap() => new ChunkStreamTap("\"usage\""u8.ToArray(), ChatUsage.From, ChatErrorTranslator.FromStreamPayload);

    public AnthropicUsage? ReadUsage(ReadOnlySpan<byte> body) => AnswerUsage.Read(body, "usage"u8, ChatUsage.From);

    /// <summary>The error chunk OpenAI-compatible servers end a failed stream with, then <c>[DONE]</c>.</summary>
    public byte[] StreamErrorEvent(string errorType, string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error"u8);
            writer.WriteString("message"u8, message);
            writer.WriteString("type"u8, errorType == AnthropicErrorType.RateLimit ? "rate_limit_exceeded" : "server_error");
            writer.WriteNull("param"u8);
            writer.WriteNull("code"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n\ndata: [DONE]\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A channel's URL and mapping settings, derived once per config snapshot.</summary>
    private sealed record OpenAIChannel(Uri Url, ReasoningStyle Reasoning, int? MaxTokensCap, bool SystemMessagesInPlace, bool FoldSystemMessages, bool ForwardUserId);
}
