using System.Buffers;
using ClaudeProxy.Protocols.Sse;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Copies an upstream body to the client as it arrives, never holding more than one event. For
/// event streams it writes whole events only and flushes after each batch, so a client sees every
/// event as soon as it is complete and an error event can be appended cleanly if the upstream fails.
/// One event may hold at most <c>maxEventBytes</c>, and only a completed event renews the idle
/// deadline: an upstream dripping bytes that never finish an event is as good as silent.
/// </summary>
public static class ResponseRelay
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>Copies <paramref name="upstream"/> to <paramref name="client"/>; <paramref name="observer"/>, when given, hears every complete event written (e.g. to read usage).</summary>
    public static async Task CopyAsync(Stream upstream, HttpResponse client, bool eventStream, int maxEventBytes, UpstreamCallTimer timer, ISseEventConsumer? observer = null)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timer);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var pending = 0;
        var scanner = SseEventBoundaryScanner.Create();
        using var observed = observer is null ? null : new SseParser(maxEventBytes);
        try
        {
            while (true)
            {
                if (pending == buffer.Length)
                {
                    if (pending >= maxEventBytes)
                    {
                        throw SseEventTooLargeException.For(maxEventBytes);
                    }

                    // One event larger than the buffer: grow, keeping what has arrived of it.
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxEventBytes));
                    buffer.AsSpan(0, pending).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await upstream.ReadAsync(buffer.AsMemory(pending), timer.Token);
                if (read == 0)
                {
                    break;
                }

                if (!eventStream)
                {
                    timer.DataReceived();
                    await client.Body.WriteAsync(buffer.AsMemory(0, read), timer.Token);
                    continue;
                }

                var boundary = scanner.Scan(buffer.AsSpan(pending, read));
                pending += read;
                if (boundary < 0)
                {
                    continue;
                }

                timer.DataReceived();

                var complete = pending - read + boundary;
                observed?.Feed(buffer.AsSpan(0, complete), observer!);
                await client.Body.WriteAsync(buffer.AsMemory(0, complete), timer.Token);
                await client.Body.FlushAsync(timer.Token);
                buffer.AsSpan(complete, pending - complete).CopyTo(buffer);
                pending -= complete;
            }

            if (pending > 0)
            {
                // The upstream ended without a final blank line; pass on what it sent.
                await client.Body.WriteAsync(buffer.AsMemory(0, pending), timer.Token);
            }

            await client.Body.FlushAsync(timer.Token);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
