using ClaudeProxy.Bench.Load;
using ClaudeProxy.Bench.Measure;

namespace ClaudeProxy.Bench.Report;

/// <summary>
/// The figures the targets read from one run. A gateway scenario is set against the floor it names
/// (<see cref="Scenario.FloorId"/>), the pairing <see cref="Overhead"/> uses.
/// </summary>
internal sealed class TargetReadings(IReadOnlyList<ScenarioResult> floors, IReadOnlyList<Overhead> overheads, IReadOnlyList<AllocationResult> allocations)
{
    private const string NoBuild = "no gateway build ran";

    public static string FloorId(string scenarioId) => ScenarioCatalog.ById(scenarioId).FloorId!;

    public static Reading Rps(BuildResult? build, string scenarioId, int level) =>
        build is null ? Reading.None(NoBuild) : Load(Scenario(build, scenarioId), scenarioId, level, p => p.RequestsPerSecond);

    public static Reading Cpu(BuildResult? build, string scenarioId, int level) =>
        build is null ? Reading.None(NoBuild) : Load(Scenario(build, scenarioId), scenarioId, level, p => p.CpuSecondsPer1000);

    public Reading FloorRps(string scenarioId, int level) =>
        Load(Floor(scenarioId), "floor " + FloorId(scenarioId), level, p => p.RequestsPerSecond);

    public Reading FloorCpu(string scenarioId, int level) =>
        Load(Floor(scenarioId), "floor " + FloorId(scenarioId), level, p => p.CpuSecondsPer1000);

    /// <summary>A figure of what the build adds to the scenario over its floor at concurrency 1.</summary>
    public Reading Added(BuildResult? build, string scenarioId, Func<Overhead, double?> figure)
    {
        if (build is null)
        {
            return Reading.None(NoBuild);
        }

        if (Scenario(build, scenarioId) is null)
        {
            return Reading.None($"{scenarioId} not run");
        }

        return overheads.FirstOrDefault(o => o.ScenarioId == scenarioId && o.System == build.Build) is { } overhead
            ? Reading.Of(figure(overhead), $"{scenarioId} has no such figure")
            : Reading.None($"no floor {FloorId(scenarioId)} in this run");
    }

    public Reading AllocatedToBody(string scenarioId) =>
        allocations.FirstOrDefault(a => a.ScenarioId == scenarioId) is { } allocation
            ? Reading.Of(allocation.RatioToBody, $"{scenarioId} sent no body")
            : Reading.None($"{scenarioId} not in the allocation run");

    public static Reading Startup(BuildResult? build, string buildName, Func<StartupStats, double> figure) =>
        build is null ? Reading.None($"{buildName} build not run") : Reading.Of(figure(build.Startup));

    /// <summary>The highest resident set sampled during any of the build's c=64 runs.</summary>
    public static Reading PeakRssAt64(BuildResult? build, string buildName)
    {
        var peaks = build?.Scenarios.Select(s => s.At(64)?.PeakRssMb).OfType<double>().ToList();
        return peaks is { Count: > 0 }
            ? Reading.Of(peaks.Max())
            : Reading.None(build is null ? $"{buildName} build not run" : $"no c=64 run on {buildName}");
    }

    private ScenarioResult? Floor(string scenarioId) => floors.FirstOrDefault(f => f.ScenarioId == FloorId(scenarioId));

    private static ScenarioResult? Scenario(BuildResult? build, string scenarioId) =>
        build?.Scenarios.FirstOrDefault(s => s.ScenarioId == scenarioId);

    /// <summary>A figure of one load point; a point with errors has none (its rate counts failed answers).</summary>
    private static Reading Load(ScenarioResult? result, string label, int level, Func<LoadPoint, double?> figure)
    {
        if (result is null)
        {
            return Reading.None($"{label} not run");
        }

        return result.At(level) switch
        {
            null => Reading.None($"{label} has no c={level} point"),
            { Errors: > 0 } point => Reading.None($"{label} had {point.Errors} errors at c={level}"),
            var point => Reading.Of(figure(point), $"{label} not watched at c={level}"),
        };
    }
}
