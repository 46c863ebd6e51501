using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Measure;

/// <summary>Measures one build: repeated cold starts (start-up time, idle RSS), then every chosen gateway scenario on one long-lived process.</summary>
internal sealed class BuildMeasurer(ScenarioMeasurer measurer, TargetFactory targets, GatewayRunSettings run, MeasurePlan plan, TextWriter log)
{
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(1);

    public async Task<BuildResult> MeasureAsync(GatewayLaunch launch, IReadOnlyList<Scenario> scenarios, CancellationToken ct)
    {
        var startupRuns = launch.Build == GatewayBuilds.Native ? plan.NativeStartups : plan.JitStartups;
        var startups = new List<(double Ms, double IdleRssMb)>();
        for (var i = 0; i < startupRuns; i++)
        {
            await using var cold = await StartAsync(launch, $"{launch.Build}-start{i}", ct);
            startups.Add(await IdleAsync(cold, ct));
        }

        await using var gateway = await StartAsync(launch, launch.Build, ct);
        startups.Add(await IdleAsync(gateway, ct));
        var startup = Summarize(startups);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  [{launch.Build}] start-up p50 {startup.P50Ms:0} ms (min {startup.MinMs:0}, max {startup.MaxMs:0}, {startup.Runs} starts), idle RSS {startup.IdleRssMb:0.0} MB"));

        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios.Where(s => s.ViaGateway))
        {
            var (main, paced) = targets.ForGateway(scenario, gateway.BaseUrl, launch.Build);
            var floor = targets.ForFloor(ScenarioCatalog.ById(scenario.FloorId!));
            results.Add(await measurer.MeasureAsync(scenario, launch.Build, main, paced, [gateway.Pid], ct, floor: floor));
        }

        var afterLoad = ProcStats.RssBytes([gateway.Pid]) / 1048576.0;
        var peak = ProcStats.PeakRssBytes(gateway.Pid) / 1048576.0;
        return new BuildResult(launch.Build, launch.Description, launch.BuildSeconds, startup, results, afterLoad, peak);
    }

    private Task<GatewayProcess> StartAsync(GatewayLaunch launch, string name, CancellationToken ct) =>
        GatewayProcess.StartAsync(name, launch.FileName, launch.Arguments, run, ct);

    private static async Task<(double Ms, double IdleRssMb)> IdleAsync(GatewayProcess gateway, CancellationToken ct)
    {
        await Task.Delay(IdleSettle, ct);
        return (gateway.StartupTime.TotalMilliseconds, ProcStats.RssBytes([gateway.Pid]) / 1048576.0);
    }

    private static StartupStats Summarize(List<(double Ms, double IdleRssMb)> runs)
    {
        var times = runs.Select(r => r.Ms).Order().ToArray();
        var rss = runs.Select(r => r.IdleRssMb).Order().ToArray();
        return new StartupStats(runs.Count, Median(times), times[0], times[^1], Median(rss));
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
