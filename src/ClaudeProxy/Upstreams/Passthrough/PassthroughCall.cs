using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Security;
using ClaudeProxy.Upstreams.Translating;

namespace ClaudeProxy.Upstreams.Passthrough;

/// <summary>
/// One attempt that sends a door's request to a channel of the same protocol: the client's body as it
/// came (only <c>model</c> rewritten when the channel maps it), and an answer relayed as it came, with the
/// channel's key kept out of it. A failure before the answer commits is translated and failed over like
/// any other channel's.
/// </summary>
internal sealed class PassthroughCall(
    HttpRequestMessage message,
    IPassthroughProtocol passthrough,
    Func<int, byte[], TranslatedError> translateError,
    ProxyRequest request,
    UpstreamAttempt attempt,
    GatewaySettings settings,
    TimeProvider timeProvider,
    ILogger logger) : UpstreamCall(message)
{
    /// <summary>The client's body for the attempt's channel: its <c>model</c> mapped, every other byte as it was.</summary>
    public static HttpContent Content(DoorBody door, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(door);
        ArgumentNullException.ThrowIfNull(attempt);
        // Read here, not at the door: only an attempt on a channel of the door's protocol needs it.
        if (MessageRequestPeek.TryRead(door.Body.Span, out _) is { Model: { } model } peek)
        {
            var mapped = ModelMapper.Map(attempt.Channel.Config.ModelMapping, model);
            if (!string.Equals(mapped, model, StringComparison.Ordinal))
            {
                return new ByteArrayContent(JsonStringSplice.Replace(door.Body.Span, peek.ModelToken, mapped));
            }
        }

        return new ReadOnlyMemoryContent(door.Body);
    }

    public override async Task<ReceivedAnswer> ReceiveAsync(HttpResponseMessage upstream, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(timer);
        if (upstream.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var body = await UpstreamAnswerReader.ReadBodyAsync(upstream.Content, settings.MaxResponseBodyBytes, timer.Token);
            JsonBody.EnsureAnswer(body);
            SecretRedactor.Overwrite(body, attempt.ApiKey);
            return ReceivedAnswer.Ready(PassthroughAnswer.Body(upstream, passthrough, attempt, timer, logger, body));
        }

        var redacted = new SecretRedactingStream(await upstream.Content.ReadAsStreamAsync(timer.Token), attempt.ApiKey);
        var start = await UpstreamAnswerReader.ReadStreamStartAsync(redacted, settings.MaxSseEventBytes, timer,
            (eventName, data) => StreamStartJudge.Judge(eventName, data, passthrough.ReadStreamError, passthrough.CarriesAnswer));
        if (start.Decision == StreamStart.Error
            && StreamStartError.Detect(start.EventName, start.EventData, passthrough.ReadStreamError, attempt, request.RequestId) is { } failure)
        {
            await start.Stream.DisposeAsync();
            return ReceivedAnswer.Failed(failure);
        }

        return ReceivedAnswer.Ready(PassthroughAnswer.EventStream(upstream, passthrough, attempt, timer, logger, start.Stream, settings.MaxSseEventBytes));
    }

    public override Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, CancellationToken cancellationToken) =>
        TranslatedFailure.ReadAsync(upstream, request, attempt, timeProvider, translateError, cancellationToken);
}
