using System.Diagnostics;

namespace ClaudeProxy.Bench.Load;

/// <summary>Latency at concurrency 1: total, first byte, and the body after the first byte.</summary>
internal sealed record SequentialResult(LatencyStats Total, LatencyStats FirstByte, LatencyStats AfterFirstByte, int Failures);

/// <summary>
/// One request after another, each timed on its own, for a bounded time and count. Every sample is
/// kept, so the percentiles are exact. Given two targets, it alternates between them request by
/// request: a gateway and its floor then see the same machine conditions, which matters on a shared
/// machine where the load drifts over minutes.
/// </summary>
internal static class SequentialProbe
{
    public static async Task<SequentialResult> RunAsync(HttpClient client, RequestTarget target, TimeSpan duration, int maxRequests, CancellationToken ct) =>
        (await RunAsync(client, [target], duration, maxRequests, ct))[0];

    public static async Task<IReadOnlyList<SequentialResult>> RunAsync(HttpClient client, IReadOnlyList<RequestTarget> targets, TimeSpan duration, int maxRequests, CancellationToken ct)
    {
        var samples = targets.Select(_ => new Samples(Math.Min(maxRequests, 100_000))).ToArray();
        var buffer = new byte[64 * 1024];
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (var sent = 0; sent < maxRequests * targets.Count && Stopwatch.GetTimestamp() < deadline; sent++)
        {
            var which = sent % targets.Count;
            samples[which].Add(await Exchange.SendAsync(client, targets[which], buffer, ct));
        }

        return [.. samples.Select(s => s.ToResult())];
    }

    private sealed class Samples(int capacity)
    {
        private readonly List<long> _total = new(capacity);
        private readonly List<long> _firstByte = new(capacity);
        private readonly List<long> _afterFirstByte = new(capacity);
        private int _failures;

        public void Add(ExchangeTiming timing)
        {
            if (!timing.Succeeded)
            {
                _failures++;
                return;
            }

            _total.Add(timing.TotalTicks);
            _firstByte.Add(timing.FirstByteTicks);
            _afterFirstByte.Add(timing.End - timing.FirstByte);
        }

        public SequentialResult ToResult() =>
            new(LatencyStats.FromTicks(_total), LatencyStats.FromTicks(_firstByte), LatencyStats.FromTicks(_afterFirstByte), _failures);
    }
}
