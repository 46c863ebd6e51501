using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// Receives a translating channel's 2xx answer. Nothing here knows the upstream's protocol: a
/// non-stream body is read whole (bounded) and goes through the translate function before anything
/// is committed, so a body that breaks or cannot be read fails over; a stream is read up to its
/// first event and then translated event by event by a <see cref="TranslatedStreamAnswer"/>.
/// </summary>
public static class TranslatedAnswers
{
    public static async Task<ReceivedAnswer> ReceiveAsync(
        HttpResponseMessage upstream,
        ProxyRequest request,
        UpstreamAttempt attempt,
        UpstreamCallTimer timer,
        ResponseTranslation translation,
        TranslationLog log,
        GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(translation);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(settings);
        if (request.IsStreaming)
        {
            var stream = await UpstreamAnswerReader.ReadFirstEventAsync(upstream.Content, settings.MaxSseEventBytes, timer);
            if (StreamStartError.Detect(stream.ReadAhead, translation.ReadStreamError, attempt, request.RequestId) is { } failure)
            {
                await stream.DisposeAsync();
                return ReceivedAnswer.Failed(failure);
            }

            return ReceivedAnswer.Ready(new TranslatedStreamAnswer(stream, attempt, request.RequestId, timer, translation, log, settings.MaxSseEventBytes));
        }

        var body = await UpstreamAnswerReader.ReadBodyAsync(upstream.Content, settings.MaxResponseBodyBytes, timer.Token);
        try
        {
            return ReceivedAnswer.Ready(new JsonAnswer(translation.TranslateMessage(body)));
        }
        catch (Exception ex) when (ex is JsonException || Protocols.Translation.UpstreamShape.IsMismatch(ex))
        {
            throw new JsonException($"it is not a {translation.Protocol} response ({ex.Message})", ex);
        }
        finally
        {
            log.Notes(attempt, translation.Notes, request.RequestId);
        }
    }

    /// <summary>
    /// A stream chunk that is a JSON object with an <c>error</c> member (how OpenAI-compatible servers
    /// and Gemini report an error inside a 200 stream), read by <paramref name="fromPayload"/>.
    /// </summary>
    public static (string ErrorType, string Message)? ErrorChunk(ReadOnlySpan<byte> data, Func<JsonElement, (string ErrorType, string Message)> fromPayload)
    {
        ArgumentNullException.ThrowIfNull(fromPayload);
        if (data.IndexOf("\"error\""u8) < 0 || !Protocols.Translation.TranslatedError.TryReadError(data, out var error)
            || error.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
        {
            return null;
        }

        return fromPayload(error);
    }
}
