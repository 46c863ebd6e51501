using System.Diagnostics;

namespace ClaudeProxy.Bench.Load;

/// <summary>
/// The fallback when wrk is missing: N tasks on one pooled HttpClient, each sending its next
/// request when the last answer ended. It costs more CPU per request than wrk, so on a small
/// machine it under-reports the server's throughput.
/// </summary>
internal sealed class InProcessLoadGenerator(HttpClient client) : ILoadGenerator
{
    public string Description => "in-process HttpClient (closed loop; wrk not available)";

    public async Task<LoadPoint> RunAsync(RequestTarget target, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkAsync(target, deadline, ct), ct)).ToArray();
        var results = await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var latencies = results.SelectMany(r => r.Latencies).ToList();
        var stats = LatencyStats.FromTicks(latencies);
        var errors = results.Sum(r => r.Errors);
        return new LoadPoint(concurrency, latencies.Count + errors, seconds, latencies.Count / seconds, stats.P50Ms, stats.P90Ms, stats.P99Ms, errors);
    }

    private async Task<(List<long> Latencies, long Errors)> WorkAsync(RequestTarget target, long deadline, CancellationToken ct)
    {
        var latencies = new List<long>(4096);
        var errors = 0L;
        var buffer = new byte[64 * 1024];
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                var timing = await Exchange.SendAsync(client, target, buffer, ct);
                if (timing.Succeeded)
                {
                    latencies.Add(timing.TotalTicks);
                }
                else
                {
                    errors++;
                }
            }
            catch (HttpRequestException)
            {
                errors++;
            }
        }

        return (latencies, errors);
    }
}
