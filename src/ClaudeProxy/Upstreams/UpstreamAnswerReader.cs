using System.Buffers;
using ClaudeProxy.Protocols.Sse;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Reads a 2xx answer up to the point where it counts as arrived, within the gateway's limits and
/// without touching the client: a non-stream body whole, a stream up to its first complete event.
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
    /// Reads an event stream until its first complete event (at most <paramref name="maxEventBytes"/>
    /// to get there) and hands back the whole body, those bytes included. A stream that ends first
    /// throws: an empty 200 stream is no answer.
    /// </summary>
    public static async Task<PrefetchedStream> ReadFirstEventAsync(HttpContent content, int maxEventBytes, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(timer);
        return await ReadFirstEventAsync(await content.ReadAsStreamAsync(timer.Token), maxEventBytes, timer);
    }

    /// <inheritdoc cref="ReadFirstEventAsync(HttpContent, int, UpstreamCallTimer)"/>
    public static async Task<PrefetchedStream> ReadFirstEventAsync(Stream body, int maxEventBytes, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(timer);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        var total = 0;
        var scanner = SseEventBoundaryScanner.Create();
        try
        {
            while (true)
            {
                if (total == Math.Min(buffer.Length, maxEventBytes))
                {
                    if (total >= maxEventBytes)
                    {
                        throw SseEventTooLargeException.For(maxEventBytes);
                    }

                    buffer = Grow(buffer, total, maxEventBytes);
                }

                var read = await body.ReadAsync(buffer.AsMemory(total, Math.Min(buffer.Length, maxEventBytes) - total), timer.Token);
                if (read == 0)
                {
                    throw new IOException(total == 0 ? "ended the stream before its first event" : "ended the stream in the middle of its first event");
                }

                var boundary = scanner.Scan(buffer.AsSpan(total, read));
                total += read;
                if (boundary >= 0)
                {
                    timer.DataReceived();
                    return new PrefetchedStream(buffer, total, body);
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

    private static byte[] Grow(byte[] buffer, int used, int max)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
