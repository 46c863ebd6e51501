using System.Buffers;
using System.Globalization;
using System.Text;
using ClaudeProxy.Bench.Load;

namespace ClaudeProxy.Bench.Measure;

/// <summary>
/// Measures one target: checks one answer, warms up, takes latency at concurrency 1 (in-process,
/// every sample kept; alternating with the floor when one is given), per-event delays on the paced
/// stream (also alternating), then throughput at each level with the server's CPU and RSS watched.
/// </summary>
internal sealed class ScenarioMeasurer(HttpClient client, ILoadGenerator load, MeasurePlan plan, TextWriter log)
{
    public async Task<ScenarioResult> MeasureAsync(
        Scenario scenario,
        string system,
        RequestTarget target,
        RequestTarget? paced,
        IReadOnlyList<int>? serverPids,
        CancellationToken ct,
        IReadOnlyList<int>? levels = null,
        (RequestTarget Main, RequestTarget? Paced)? floor = null)
    {
        await log.WriteAsync($"  [{system}] {scenario.Id,-8} {scenario.Title}: ");
        await ValidateAsync(target, ct);
        await load.RunAsync(target, 8, plan.WarmUp, ct);
        SequentialResult latency;
        SequentialResult? floorLatency = null;
        if (floor is { } pair)
        {
            // Twice the time: each of the two targets gets about as many samples as a lone run.
            var both = await SequentialProbe.RunAsync(client, [pair.Main, target], plan.LatencyDuration * 2, plan.MaxLatencyRequests, ct);
            (floorLatency, latency) = (both[0], both[1]);
        }
        else
        {
            latency = await SequentialProbe.RunAsync(client, target, plan.LatencyDuration, plan.MaxLatencyRequests, ct);
        }

        await log.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"c=1 p50 {latency.Total.P50Ms:0.000} ms p99 {latency.Total.P99Ms:0.000} ms"));
        if (floorLatency is not null)
        {
            await log.WriteAsync(string.Create(CultureInfo.InvariantCulture, $" (floor alongside {floorLatency.Total.P50Ms:0.000} / {floorLatency.Total.P99Ms:0.000})"));
        }

        LatencyStats? eventDelay = null;
        LatencyStats? floorEventDelay = null;
        if (paced is not null)
        {
            await ValidateAsync(paced, ct);
            if (floor?.Paced is { } floorPaced)
            {
                var both = await EventDelayProbe.RunAsync(client, [floorPaced, paced], plan.PacedStreams, ct);
                (floorEventDelay, eventDelay) = (both[0], both[1]);
            }
            else
            {
                eventDelay = await EventDelayProbe.RunAsync(client, paced, plan.PacedStreams, ct);
            }

            await log.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"; event delay p50 {eventDelay.P50Ms * 1000:0} µs"));
        }

        var points = new List<LoadPoint>();
        foreach (var concurrency in levels ?? plan.Levels)
        {
            var watch = serverPids is null ? null : ResourceWatch.Start(serverPids);
            var point = await load.RunAsync(target, concurrency, plan.LoadDuration, ct);
            if (watch is not null)
            {
                var (cpu, peakRss) = await watch.StopAsync();
                point = point with
                {
                    CpuSecondsPer1000 = point.Requests > 0 ? cpu / point.Requests * 1000 : null,
                    PeakRssMb = peakRss / 1048576.0,
                };
            }

            points.Add(point);
            await log.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"; c={concurrency} {point.RequestsPerSecond:0}/s"));
            if (point.Errors > 0)
            {
                await log.WriteAsync($" ({point.Errors} errors)");
            }
        }

        await log.WriteLineAsync();
        return new ScenarioResult(scenario.Id, system, scenario.Title, target.Body.Length, scenario.Streaming, latency, eventDelay, points)
        {
            PairedFloorLatency = floorLatency,
            PairedFloorEventDelay = floorEventDelay,
        };
    }

    private async Task ValidateAsync(RequestTarget target, CancellationToken ct)
    {
        var capture = new ArrayBufferWriter<byte>(64 * 1024);
        var timing = await Exchange.SendAsync(client, target, new byte[64 * 1024], ct, capture);
        var body = Encoding.UTF8.GetString(capture.WrittenSpan);
        var problem = timing.Succeeded ? target.Expect.Check(body) : $"HTTP {timing.Status}";
        if (problem is not null)
        {
            throw new InvalidOperationException($"{target.Id} ({target.Url}): {problem}. Answer starts: {body[..Math.Min(body.Length, 400)]}");
        }
    }
}
