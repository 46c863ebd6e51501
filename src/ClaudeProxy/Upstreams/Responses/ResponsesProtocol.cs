using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Responses;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Upstreams.Passthrough;
using ClaudeProxy.Upstreams.Translating;

namespace ClaudeProxy.Upstreams.Responses;

/// <summary>
/// OpenAI Responses (<c>responses</c>): a Bearer key, <c>{baseUrl}/v1/responses</c> with
/// <c>store: false</c>, and the Responses mappers both ways. Reasoning items come back inside the
/// thinking block's signature, so a stateless upstream still gets its reasoning on the next turn.
/// Stateless requests of the Responses door pass through untranslated.
/// </summary>
public sealed class ResponsesProtocol : IUpstreamProtocol, IPassthroughProtocol
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
        var channel = _channels.For(attempt.Target);
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

    public DoorProtocol Door => DoorProtocol.Responses;

    public bool CanPass(DoorBody door) => true;

    public Uri PassthroughUrl(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return _channels.For(attempt.Target).Url;
    }

    public bool CarriesAnswer(ReadOnlySpan<byte> data) => ResponsesStreamStart.CarriesAnswer(data);

    public (string ErrorType, string Message)? ReadStreamError(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) =>
        ResponsesStreamStart.ReadError(eventName, data);

    public IPassthroughTap CreateTap() => new ResponsesPassthroughTap();

    public AnthropicUsage? ReadUsage(ReadOnlySpan<byte> body) => AnswerUsage.Read(body, "usage"u8, ResponsesUsage.From);

    /// <summary>The Responses API's own <c>error</c> event, which its clients read as the end of a failed stream.</summary>
    public byte[] StreamErrorEvent(string errorType, string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("event: error\ndata: "u8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "error"u8);
            writer.WriteString("code"u8, Protocols.Doors.Responses.ResponsesErrorCode.For(errorType));
            writer.WriteString("message"u8, message);
            writer.WriteNull("param"u8);
            writer.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A channel's URL and mapping settings, derived once per config snapshot.</summary>
    private sealed record ResponsesChannel(Uri Url, ReasoningStyle Reasoning, int? MaxTokensCap, bool FoldSystemMessages, bool ForwardUserId);
}
