using System.Buffers;
using ClaudeProxy.Protocols.Sse;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Reads a 2xx answer up to the point where it counts as arrived, within the gateway's limits and
/// without touching the client: a non-stream body whole, a stream up to its first event that shows content.
/// A body that breaks, times out or passes a limit throws (<see cref="IOException"/>,
/// <see cref="HttpRequestException"/>, <see cref="OperationCanceledException"/>), so the attempt
/// fails over like a 5xx while nothing has been written yet.
/// </summary>
public static class UpstreamAnswerReader
{
    private const int ReadSize = 16 * 1024;

    /// <summary>The whole body, at most <paramref name="maxBytes"/> bytes after decompression.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var declared = content.Headers.ContentLength is { } length ? (int)Math.Clamp(length, 1, maxBytes) : ReadSize;
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(declared);
        var total = 0;
        try
        {
            while (true)
            {
                if (total == Math.Min(buffer.Length, maxBytes))
                {
                    if (total >= maxBytes)
                    {
                        if (await body.ReadAsync(new byte[1], cancellationToken) > 0)
                        {
                            throw ResponseTooLargeException.For(maxBytes);
                        }

                        break;
                    }

                    buffer = Grow(buffer, total, maxBytes);
                }

                var read = await body.ReadAsync(buffer.AsMemory(total, Math.Min(buffer.Length, maxBytes) - total), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads an event stream until an event shows the answer (content or a stop reason) or an error, as
    /// <paramref name="probe"/> judges each complete event, and hands back the whole body, those bytes
    /// included, with the deciding event. At most <paramref name="maxBytes"/> are held to get there. A
    /// stream that ends first throws (<see cref="EmptyAnswerException"/> when it held only preliminaries
    /// such as a message start or pings): a 200 that carries nothing is no answer.
    /// </summary>
    public static async Task<StreamStartResult> ReadStreamStartAsync(HttpContent content, int maxBytes, UpstreamCallTimer timer, StreamStartProbe probe)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(timer);
        return await ReadStreamStartAsync(await content.ReadAsStreamAsync(timer.Token), maxBytes, timer, probe);
    }

    /// <inheritdoc cref="ReadStreamStartAsync(HttpContent, int, UpstreamCallTimer, StreamStartProbe)"/>
    public static async Task<StreamStartResult> ReadStreamStartAsync(Stream body, int maxBytes, UpstreamCallTimer timer, StreamStartProbe probe)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(probe);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        var total = 0;
        var judge = new StartJudge(probe);
        var alive = false;
        using var parser = new SseParser(maxBytes);
        try
        {
            while (true)
            {
                if (total == Math.Min(buffer.Length, maxBytes))
                {
                    if (total >= maxBytes)
                    {
                        throw SseEventTooLargeException.For(maxBytes);
                    }

                    buffer = Grow(buffer, total, maxBytes);
                }

                var read = await body.ReadAsync(buffer.AsMemory(total, Math.Min(buffer.Length, maxBytes) - total), timer.Token);
                if (read == 0)
                {
                    throw judge.Events == 0
                        ? new IOException(total == 0 ? "ended the stream before its first event" : "ended the stream in the middle of its first event")
                        : new EmptyAnswerException("the stream ended without any content or stop reason");
                }

                var blocks = parser.Feed(buffer.AsSpan(total, read), judge);
                total += read;
                if (blocks > 0 && !alive)
                {
                    // A complete block, keep-alive comments included, is the first sign of life.
                    alive = true;
                    timer.DataReceived();
                }

                if (judge.Decision != StreamStart.Undecided)
                {
                    return new StreamStartResult(new PrefetchedStream(buffer, total, body), judge.Decision, judge.DecidingName, judge.DecidingData);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await body.DisposeAsync();
            throw;
        }
    }

    /// <summary>Feeds each complete event to the probe until one decides; keeps a copy of an error event.</summary>
    private sealed class StartJudge(StreamStartProbe probe) : ISseEventConsumer
    {
        public int Events { get; private set; }

        public StreamStart Decision { get; private set; }

        public byte[] DecidingName { get; private set; } = [];

        public byte[] DecidingData { get; private set; } = [];

        public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
        {
            Events++;
            if (Decision != StreamStart.Undecided)
            {
                return;
            }

            Decision = probe(eventName, data.Span);
            if (Decision == StreamStart.Error)
            {
                DecidingName = eventName.ToArray();
                DecidingData = data.ToArray();
            }
        }
    }

    private static byte[] Grow(byte[] buffer, int used, int max)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
