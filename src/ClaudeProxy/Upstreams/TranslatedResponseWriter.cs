using System.Buffers;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Writes a translating channel's 2xx answer to the client. Nothing here knows the upstream's
/// protocol: a non-stream body goes through a translate function, a stream through an
/// <see cref="IAnthropicStreamTranslator"/> driven read by read, flushed per read, until the
/// translator is finished; a body that breaks off, or a read that times out, ends in an
/// <c>error</c> event (or a 502/504 envelope when nothing was written yet).
/// </summary>
public static class TranslatedResponseWriter
{
    private const int ReadSize = 16 * 1024;

    /// <summary>Writes the answer in the form the client asked for, then logs the translation's notes, however the answer ended.</summary>
    public static async Task WriteAsync(
        HttpResponseMessage upstream,
        ProxyRequest request,
        UpstreamAttempt attempt,
        HttpContext context,
        UpstreamCallTimer timer,
        ResponseTranslation translation,
        TranslationLog log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(translation);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            if (request.IsStreaming)
            {
                await WriteStreamAsync(upstream, attempt, context, timer, translation.CreateStreamTranslator,
                    reason => log.BrokenStream(attempt, reason, request.RequestId));
            }
            else
            {
                await WriteMessageAsync(upstream, attempt, context, timer, translation.Protocol, translation.TranslateMessage);
            }
        }
        finally
        {
            log.Notes(attempt, translation.Notes, request.RequestId);
        }
    }

    /// <summary>
    /// Reads the whole upstream body and writes <paramref name="translate"/>'s message. A body the
    /// translator cannot read (<see cref="JsonException"/>, or JSON of the wrong shape: <see cref="UpstreamShape"/>) becomes a 502 naming <paramref name="protocol"/>.
    /// </summary>
    private static async Task WriteMessageAsync(HttpResponseMessage upstream, UpstreamAttempt attempt, HttpContext context, UpstreamCallTimer timer, string protocol, Func<byte[], byte[]> translate)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(translate);
        byte[] translated;
        try
        {
            translated = translate(await upstream.Content.ReadAsByteArrayAsync(timer.Token));
        }
        catch (Exception ex) when (ex is JsonException || UpstreamShape.IsMismatch(ex))
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status502BadGateway, AnthropicErrorType.Api,
                $"Upstream channel '{attempt.Channel.DisplayName}' answered with a body that is not a {protocol} response: {ex.Message}");
            return;
        }
        catch (Exception ex) when (!timer.ClientAborted && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            var timedOut = timer.TimedOut;
            await GatewayErrors.WriteAsync(context, timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                timedOut ? AnthropicErrorType.Timeout : AnthropicErrorType.Api,
                timedOut
                    ? $"Upstream channel '{attempt.Channel.DisplayName}' did not finish its answer within {timer.CurrentLimit.TotalSeconds:0} s."
                    : $"Upstream channel '{attempt.Channel.DisplayName}' broke off its answer: {ex.Message}");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = translated.Length;
        await context.Response.Body.WriteAsync(translated, context.RequestAborted);
    }

    /// <summary>
    /// Streams the upstream's events through <paramref name="createTranslator"/>'s translator to the
    /// client. <paramref name="reportBroken"/> hears why a stream broke off (for a log line).
    /// </summary>
    private static async Task WriteStreamAsync(
        HttpResponseMessage upstream,
        UpstreamAttempt attempt,
        HttpContext context,
        UpstreamCallTimer timer,
        Func<IBufferWriter<byte>, IAnthropicStreamTranslator> createTranslator,
        Action<string> reportBroken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(createTranslator);
        ArgumentNullException.ThrowIfNull(reportBroken);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var output = new ArrayBufferWriter<byte>(4096);
        using var translator = createTranslator(output);
        using var parser = new Protocols.Sse.SseParser();
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            translator.Start();
            await FlushAsync(output, response, context.RequestAborted);
            await using var body = await upstream.Content.ReadAsStreamAsync(timer.Token);
            while (!translator.IsFinished)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, timer.Token);
                }
                catch (Exception ex) when (!timer.ClientAborted && ex is OperationCanceledException or IOException or HttpRequestException)
                {
                    var reason = timer.TimedOut
                        ? $"Upstream channel '{attempt.Channel.DisplayName}' sent nothing for {timer.CurrentLimit.TotalSeconds:0} s."
                        : $"Upstream channel '{attempt.Channel.DisplayName}' broke off the stream: {ex.Message}";
                    reportBroken(reason);
                    translator.Fail(timer.TimedOut ? AnthropicErrorType.Timeout : AnthropicErrorType.Api, reason);
                    break;
                }

                if (read == 0)
                {
                    parser.Complete();
                    translator.Complete();
                    break;
                }

                timer.DataReceived();
                parser.Feed(buffer.AsSpan(0, read), translator);
                await FlushAsync(output, response, context.RequestAborted);
            }

            await FlushAsync(output, response, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; disposing the upstream response cancels the call.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task FlushAsync(ArrayBufferWriter<byte> output, HttpResponse response, CancellationToken cancellationToken)
    {
        if (output.WrittenCount == 0)
        {
            return;
        }

        await response.Body.WriteAsync(output.WrittenMemory, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        output.ResetWrittenCount();
    }
}
