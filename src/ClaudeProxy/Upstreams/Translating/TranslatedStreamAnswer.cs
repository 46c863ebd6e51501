using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// A translating channel's event stream, from its first event on: each read goes through the
/// protocol's <see cref="IAnthropicStreamTranslator"/>, which writes its events straight into the
/// response's <see cref="PipeWriter"/> (no copy in between), and is flushed to the client at once, until
/// the translator is finished. A body that breaks off, an event too large or unreadable, or an idle
/// deadline (renewed only by completed events) ends the stream with an <c>error</c> event.
/// </summary>
public sealed class TranslatedStreamAnswer(
    Stream body,
    UpstreamAttempt attempt,
    string requestId,
    UpstreamCallTimer timer,
    ResponseTranslation translation,
    TranslationLog log,
    int maxEventBytes) : IUpstreamAnswer
{
    private const int ReadSize = 16 * 1024;

    public AnswerOutcome Outcome { get; private set; } = AnswerOutcome.None;

    public async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        EventStreamResponse.Begin(context);
        var output = context.Response.BodyWriter;
        using var translator = translation.CreateStreamTranslator(output);
        using var parser = new SseParser(maxEventBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            translator.Start();
            await FlushAsync(output, context.RequestAborted);
            while (!translator.IsFinished)
            {
                try
                {
                    var read = await body.ReadAsync(buffer, timer.Token);
                    if (read == 0)
                    {
                        parser.Complete();
                        translator.Complete();
                        break;
                    }

                    if (parser.Feed(buffer.AsSpan(0, read), translator) > 0)
                    {
                        timer.DataReceived();
                    }
                }
                catch (Exception ex) when (!timer.ClientAborted && ex is OperationCanceledException or IOException or HttpRequestException)
                {
                    var (errorType, reason) = UpstreamBreak.InStream(timer, attempt, ex);
                    Fail(translator, errorType, reason);
                }
                catch (Exception ex) when (ex is JsonException || UpstreamShape.IsMismatch(ex))
                {
                    Fail(translator, AnthropicErrorType.Api, $"Upstream channel '{attempt.Channel.DisplayName}' sent an event that is not a {translation.Protocol} event.");
                }

                await FlushAsync(output, context.RequestAborted);
            }

            await FlushAsync(output, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; disposing the upstream response cancels the call.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            log.Notes(attempt, translation.Notes, requestId);
            Outcome = Outcome with { Usage = translator.Usage };
        }
    }

    public void Dispose() => body.Dispose();

    private void Fail(IAnthropicStreamTranslator translator, string errorType, string reason)
    {
        Outcome = Outcome with { ErrorType = errorType, ErrorMessage = reason };
        log.BrokenStream(attempt, reason, requestId);
        translator.Fail(errorType, reason);
    }

    private static async ValueTask FlushAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        if (output.CanGetUnflushedBytes && output.UnflushedBytes == 0)
        {
            return;
        }

        await output.FlushAsync(cancellationToken);
    }
}
