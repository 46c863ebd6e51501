using System.Buffers;
using ClaudeProxy.Bench.Mock;

namespace ClaudeProxy.Bench.Load;

/// <summary>
/// Per-event latency of a paced stream: each content event carries the mock's send timestamp; the
/// delay is the time of the read that completed it minus that timestamp. Events are sent a
/// millisecond apart, so each is measured alone rather than queued behind the previous one.
/// </summary>
internal static class EventDelayProbe
{
    public static async Task<LatencyStats> RunAsync(HttpClient client, RequestTarget target, int streams, CancellationToken ct) =>
        (await RunAsync(client, [target], streams, ct))[0];

    /// <summary>Alternates stream by stream between the targets, so each sees the same machine conditions.</summary>
    public static async Task<IReadOnlyList<LatencyStats>> RunAsync(HttpClient client, IReadOnlyList<RequestTarget> targets, int streams, CancellationToken ct)
    {
        var delays = targets.Select(_ => new List<long>(streams * MockPayloads.StreamEvents)).ToArray();
        var buffer = new byte[64 * 1024];
        for (var s = 0; s < streams * targets.Count; s++)
        {
            var target = targets[s % targets.Count];
            var capture = new ArrayBufferWriter<byte>(256 * 1024);
            var reads = new List<(long EndOffset, long Timestamp)>(1024);
            var timing = await Exchange.SendAsync(client, target, buffer, ct, capture, (end, now) => reads.Add((end, now)));
            if (!timing.Succeeded)
            {
                throw new InvalidOperationException($"{target.Id}: paced stream answered HTTP {timing.Status}.");
            }

            var found = Collect(capture.WrittenSpan, reads, delays[s % targets.Count]);
            if (found != MockPayloads.StreamEvents)
            {
                throw new InvalidOperationException($"{target.Id}: expected {MockPayloads.StreamEvents} timestamped events, found {found}.");
            }
        }

        return [.. delays.Select(LatencyStats.FromTicks)];
    }

    private static int Collect(ReadOnlySpan<byte> body, List<(long EndOffset, long Timestamp)> reads, List<long> delays)
    {
        var found = 0;
        var readIndex = 0;
        var offset = 0;
        while (true)
        {
            var at = body[offset..].IndexOf(TimestampMarker.Prefix);
            if (at < 0)
            {
                return found;
            }

            var start = offset + at;
            offset = start + TimestampMarker.Prefix.Length;
            if (!TimestampMarker.TryRead(body[start..], out var sent))
            {
                continue;
            }

            var end = start + TimestampMarker.Length;
            while (reads[readIndex].EndOffset < end)
            {
                readIndex++;
            }

            delays.Add(reads[readIndex].Timestamp - sent);
            found++;
        }
    }
}
