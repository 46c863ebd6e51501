using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Load;
using ClaudeProxy.Bench.Measure;
using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// The speed half of the fleet scenario: two gateways of one build side by side, one embedded (SQLite usage
/// log, no Redis) and one with the fleet's <c>REDIS_URL</c> and <c>USAGE_DB_URL</c>, measured in alternation
/// (A, B, A, B… and the order swapped every round) so both see the same minutes of a shared machine.
/// </summary>
internal sealed class FleetSpeed(HttpClient client, ILoadGenerator load, TargetFactory targets, GatewayRunSettings run, FleetBackends backends, FleetPlan plan, TextWriter log)
{
    public async Task<FleetSpeedResult> RunAsync(GatewayLaunch launch, CancellationToken ct)
    {
        await using var embedded = await GatewayProcess.StartAsync("fleet-embedded", launch.FileName, launch.Arguments, run, ct, WriteConfig);
        await using var shared = await GatewayProcess.StartAsync("fleet-shared", launch.FileName, launch.Arguments, run, ct, WriteConfig, backends.Environment("bench-speed"));
        var node = new FleetNode("bench-speed", shared, client, run.AccessKey);
        if (await Polling.UntilAsync(() => node.ConnectedAsync(ct), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20), ct) is null)
        {
            throw new InvalidOperationException($"The fleet gateway did not connect to Redis within 30 s. Log: {run.Paths.Out("logs", "fleet-shared.log")}");
        }

        var floor = targets.ForFloor(ScenarioCatalog.SmallFloor).Main;
        var embeddedTarget = targets.ForGateway(ScenarioCatalog.Passthrough, embedded.BaseUrl, "fleet-embedded").Main;
        var sharedTarget = targets.ForGateway(ScenarioCatalog.Passthrough, shared.BaseUrl, "fleet-shared").Main;
        foreach (var target in new[] { floor, embeddedTarget, sharedTarget })
        {
            var timing = await Exchange.SendAsync(client, target, new byte[64 * 1024], ct);
            if (!timing.Succeeded)
            {
                throw new InvalidOperationException($"{target.Id} ({target.Url}) answered HTTP {timing.Status}.");
            }

            await load.RunAsync(target, 8, plan.WarmUp, ct);
        }

        await log.WriteAsync($"  [{launch.Build}] b at c=1, floor / embedded / fleet alternating request by request: ");
        var latency = await SequentialProbe.RunAsync(client, [floor, embeddedTarget, sharedTarget], plan.LatencyDuration * 3, plan.MaxLatencyRequests, ct);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"p50 {latency[0].Total.P50Ms:0.000} / {latency[1].Total.P50Ms:0.000} / {latency[2].Total.P50Ms:0.000} ms, p99 {latency[0].Total.P99Ms:0.000} / {latency[1].Total.P99Ms:0.000} / {latency[2].Total.P99Ms:0.000} ms"));

        var throughput = new List<FleetThroughput>();
        foreach (var concurrency in plan.Levels)
        {
            var sides = new Dictionary<bool, (List<LoadPoint> Points, double Gateway, double Backend)> { [false] = ([], 0, 0), [true] = ([], 0, 0) };
            for (var round = 0; round < plan.Rounds; round++)
            {
                foreach (var fleetSide in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    var (target, pid) = fleetSide ? (sharedTarget, shared.Pid) : (embeddedTarget, embedded.Pid);
                    var backendPids = backends.Pids();
                    var gatewayBefore = ProcStats.CpuSeconds([pid]);
                    var backendBefore = ProcStats.CpuSeconds(backendPids);
                    var point = await load.RunAsync(target, concurrency, plan.LoadDuration, ct);
                    var (points, gateway, backend) = sides[fleetSide];
                    points.Add(point);
                    sides[fleetSide] = (points, gateway + ProcStats.CpuSeconds([pid]) - gatewayBefore, backend + ProcStats.CpuSeconds(backendPids) - backendBefore);
                }
            }

            var result = new FleetThroughput(concurrency, Side(sides[false]), Side(sides[true]));
            throughput.Add(result);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  [{launch.Build}] b at c={concurrency}, {plan.Rounds} rounds each: embedded {Rates(result.Embedded)} req/s, fleet {Rates(result.Fleet)} req/s → ratio {result.Ratio:0.000}"));
        }

        return new FleetSpeedResult(launch.Build, latency[0], latency[1], latency[2], throughput);
    }

    private void WriteConfig(string path) => FleetConfigFile.Write(path, run.MockUrl);

    private static FleetSide Side((List<LoadPoint> Points, double Gateway, double Backend) side) => new(side.Points, side.Gateway, side.Backend);

    private static string Rates(FleetSide side) =>
        string.Join(" ", side.Points.Select(p => p.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture) + (p.Errors > 0 ? $"({p.Errors} errors)" : "")));
}
