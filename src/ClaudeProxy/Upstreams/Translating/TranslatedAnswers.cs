using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// Receives a translating channel's 2xx answer. Nothing here knows the upstream's protocol: a
/// non-stream body is read whole (bounded) and goes through the translate function before anything
/// is committed, so a body that breaks, cannot be read or carries nothing fails over; a stream is read
/// up to its first event with content (or an error, which fails over) and then translated event by
/// event by a <see cref="TranslatedStreamAnswer"/>.
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
            var start = await UpstreamAnswerReader.ReadStreamStartAsync(upstream.Content, settings.MaxSseEventBytes, timer, translation.ProbeStreamStart);
            if (start.Decision == StreamStart.Error
                && StreamStartError.Detect(start.EventName, start.EventData, translation.ReadStreamError, attempt, request.RequestId) is { } failure)
            {
                await start.Stream.DisposeAsync();
                return ReceivedAnswer.Failed(failure);
            }

            return ReceivedAnswer.Ready(new TranslatedStreamAnswer(start.Stream, attempt, request.RequestId, timer, translation, log, settings.MaxSseEventBytes));
        }

        var body = await UpstreamAnswerReader.ReadBodyAsync(upstream.Content, settings.MaxResponseBodyBytes, timer.Token);
        try
        {
            var message = translation.TranslateMessage(body);
            JsonBody.EnsureAnswer(message);
            return ReceivedAnswer.Ready(new JsonAnswer(message));
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
