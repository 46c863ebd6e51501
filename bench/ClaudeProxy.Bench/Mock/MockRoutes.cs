using System.Net.Mime;

namespace ClaudeProxy.Bench.Mock;

/// <summary>
/// Answers by path, at once: <c>…/v1/messages</c> (Anthropic), <c>…/chat/completions</c> (OpenAI),
/// <c>…:generateContent</c> / <c>…:streamGenerateContent</c> (Gemini), with a stream when the body
/// asks for one. Paths under <c>/paced/</c> stream one timestamped event per millisecond instead of
/// the whole stream in one write. Paths under <c>/cached/</c> go to <see cref="CachingUpstream"/>,
/// paths under <c>/fleet/</c> to <see cref="FleetUpstream"/>. Anything else gets a plain 200, which serves as the health probe.
/// </summary>
internal sealed class MockRoutes(MockPayloads payloads, CachingUpstream cached, FleetUpstream fleet)
{
    private const string EventStream = "text/event-stream";
    private static readonly TimeSpan PaceInterval = TimeSpan.FromMilliseconds(1);
    private static readonly byte[] Ok = "ok"u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (CachingUpstream.Handles(path))
        {
            await cached.HandleAsync(context);
            return;
        }

        if (FleetUpstream.Handles(path))
        {
            await fleet.HandleAsync(context);
            return;
        }

        var streaming = await StreamFlagScanner.ReadAsync(context.Request.BodyReader, context.RequestAborted);
        var paced = path.StartsWith("/paced/", StringComparison.Ordinal);
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await (streaming
                ? paced ? WritePacedAsync(context, payloads.OpenAIPaced) : WriteStreamAsync(context, payloads.OpenAIStream)
                : WriteJsonAsync(context, payloads.OpenAIMessage));
        }
        else if (path.EndsWith(":streamGenerateContent", StringComparison.Ordinal))
        {
            await (paced ? WritePacedAsync(context, payloads.GeminiPaced) : WriteStreamAsync(context, payloads.GeminiStream));
        }
        else if (path.EndsWith(":generateContent", StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, payloads.GeminiMessage);
        }
        else if (path.EndsWith("/v1/messages", StringComparison.Ordinal))
        {
            await (streaming ? WriteStreamAsync(context, payloads.AnthropicStream) : WriteJsonAsync(context, payloads.AnthropicMessage));
        }
        else
        {
            context.Response.ContentType = MediaTypeNames.Text.Plain;
            context.Response.ContentLength = Ok.Length;
            await context.Response.BodyWriter.WriteAsync(Ok, context.RequestAborted);
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = MediaTypeNames.Application.Json;
        context.Response.ContentLength = body.Length;
        await context.Response.BodyWriter.WriteAsync(body, context.RequestAborted);
    }

    // The whole stream in one write, chunked like a real upstream's: the mock answers as fast as it can.
    private static async Task WriteStreamAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = EventStream;
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.BodyWriter.WriteAsync(body, context.RequestAborted);
    }

    private static async Task WritePacedAsync(HttpContext context, PacedTemplate template)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        response.ContentType = EventStream;
        response.Headers.CacheControl = "no-cache";
        var writer = response.BodyWriter;
        if (template.Head.IsEmpty)
        {
            await response.StartAsync(ct);
        }
        else
        {
            await writer.WriteAsync(template.Head, ct);
        }

        using var ticks = StartTicker(MockPayloads.StreamEvents);
        for (var i = 0; i < MockPayloads.StreamEvents; i++)
        {
            await ticks.WaitAsync(ct);
            WriteEvent(writer, template);
            await writer.FlushAsync(ct);
        }

        await writer.WriteAsync(template.Tail, ct);
    }

    /// <summary>
    /// Releases the semaphore once per <see cref="PaceInterval"/> from a dedicated thread: Thread.Sleep
    /// is a nanosleep (~1.1 ms), where Task.Delay fired only every ~4 ms on the reference machine, and
    /// sleeping on a pool thread instead starved Kestrel's socket writes of threads.
    /// </summary>
    private static SemaphoreSlim StartTicker(int count)
    {
        var ticks = new SemaphoreSlim(0);
        var ticker = new Thread(() =>
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    Thread.Sleep(PaceInterval);
                    ticks.Release();
                }
            }
            catch (ObjectDisposedException)
            {
                // The client went away and the stream ended early.
            }
        })
        {
            IsBackground = true,
            Name = "paced-stream-ticker",
        };
        ticker.Start();
        return ticks;
    }

    private static void WriteEvent(System.IO.Pipelines.PipeWriter writer, PacedTemplate template)
    {
        var size = template.EventPrefix.Length + TimestampMarker.Length + template.EventSuffix.Length;
        var span = writer.GetSpan(size);
        template.EventPrefix.Span.CopyTo(span);
        TimestampMarker.WriteNow(span[template.EventPrefix.Length..]);
        template.EventSuffix.Span.CopyTo(span[(template.EventPrefix.Length + TimestampMarker.Length)..]);
        writer.Advance(size);
    }
}
