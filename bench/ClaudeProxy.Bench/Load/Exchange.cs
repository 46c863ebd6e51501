using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace ClaudeProxy.Bench.Load;

/// <summary>Stopwatch timestamps of one request: sent, first response body byte, last byte.</summary>
internal readonly record struct ExchangeTiming(long Start, long FirstByte, long End, long Bytes, int Status)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public long TotalTicks => End - Start;

    public long FirstByteTicks => FirstByte - Start;
}

/// <summary>Sends one request and reads the whole answer, timing the first and the last body byte.</summary>
internal static class Exchange
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// Sends <paramref name="target"/>'s request and reads the answer to its end. When
    /// <paramref name="capture"/> is given it receives every body byte, and <paramref name="onRead"/>
    /// is told after each read how many bytes have arrived and when.
    /// </summary>
    public static async Task<ExchangeTiming> SendAsync(
        HttpClient client,
        RequestTarget target,
        byte[] readBuffer,
        CancellationToken ct,
        IBufferWriter<byte>? capture = null,
        Action<long, long>? onRead = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(target.Body) };
        request.Content.Headers.ContentType = Json;
        foreach (var (name, value) in target.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var start = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        long firstByte = 0;
        long bytes = 0;
        while (true)
        {
            var read = await body.ReadAsync(readBuffer, ct);
            var now = Stopwatch.GetTimestamp();
            if (read == 0)
            {
                return new ExchangeTiming(start, firstByte == 0 ? now : firstByte, now, bytes, (int)response.StatusCode);
            }

            if (firstByte == 0)
            {
                firstByte = now;
            }

            bytes += read;
            if (capture is not null)
            {
                capture.Write(readBuffer.AsSpan(0, read));
                onRead?.Invoke(bytes, now);
            }
        }
    }
}
