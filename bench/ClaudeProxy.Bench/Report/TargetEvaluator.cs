using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Measure;

namespace ClaudeProxy.Bench.Report;

/// <summary>
/// The targets of issue 7, point 5, checked on the native build (the one that ships; the JIT build
/// when only it ran). A target whose figure was not measured in this run is reported n/a.
/// </summary>
internal static class TargetEvaluator
{
    public static IReadOnlyList<TargetCheck> Evaluate(
        IReadOnlyList<BuildResult> builds,
        IReadOnlyList<Overhead> overheads,
        IReadOnlyList<AllocationResult> allocations,
        PeerResult? peer)
    {
        var primary = builds.FirstOrDefault(b => b.Build == GatewayBuilds.Native) ?? (builds.Count > 0 ? builds[0] : null);
        var native = builds.FirstOrDefault(b => b.Build == GatewayBuilds.Native);
        var jit = builds.FirstOrDefault(b => b.Build == GatewayBuilds.Jit);
        var on = primary is null ? "" : $" [{primary.Build}]";
        var checks = new List<TargetCheck>
        {
            AtLeast($"(c) translated non-stream, req/s at c=64{on}", 2_500, Rps(primary, "c", 64), "req/s"),
            AtLeast($"(d) translated stream, req/s at c=64{on}", 2_000, Rps(primary, "d", 64), "req/s"),
            AtMost($"(c) added latency p50 at c=1{on}", 0.4, Added(primary, overheads, "c")?.AddedP50Ms, "ms"),
            AtMost($"(c) added latency p99 at c=1{on}", 1.5, Added(primary, overheads, "c")?.AddedP99Ms, "ms"),
            AtMost($"(d) stream first byte after the upstream's, p50{on}", 0.5, Added(primary, overheads, "d")?.FirstByteAddedP50Ms, "ms"),
            AtMost($"(d) per-event overhead, paced p50{on}", 50, Added(primary, overheads, "d")?.EventDelayAddedP50Us, "µs"),
            AtMost($"(b) passthrough added latency p50{on}", 0.2, Added(primary, overheads, "b")?.AddedP50Ms, "ms"),
            AtLeast($"(b) small requests, req/s at c=64{on}", 25_000, Rps(primary, "b", 64), "req/s"),
            AtMost($"(c) CPU seconds per 1,000 large requests (c=64){on}", 0.5, primary?.Scenarios.FirstOrDefault(s => s.ScenarioId == "c")?.At(64)?.CpuSecondsPer1000, "s"),
        };
        foreach (var allocation in allocations.Where(a => a.ScenarioId is "c" or "d" or "e"))
        {
            checks.Add(AtMost($"({allocation.ScenarioId}) allocated per translated request, × request body", 3, allocation.RatioToBody, "×"));
        }

        checks.Add(AtMost("native start-up (process start → first /health 200), p50", 100, native?.Startup.P50Ms, "ms"));
        checks.Add(AtMost("native idle RSS", 20, native?.Startup.IdleRssMb, "MB"));
        checks.Add(AtMost("native RSS under load at c=64 (highest sampled)", 150, PeakAt64(native), "MB"));
        checks.Add(AtMost("JIT idle RSS", 80, jit?.Startup.IdleRssMb, "MB"));
        if (peer is not null && primary is not null)
        {
            AddPeerChecks(checks, primary, overheads, peer);
        }

        return checks;
    }

    private static void AddPeerChecks(List<TargetCheck> checks, BuildResult primary, IReadOnlyList<Overhead> overheads, PeerResult peer)
    {
        foreach (var id in new[] { "c", "d" })
        {
            var ours = primary.Scenarios.FirstOrDefault(s => s.ScenarioId == id);
            var theirs = peer.Scenarios.FirstOrDefault(s => s.ScenarioId == id);
            if (ours is null || theirs is null)
            {
                continue;
            }

            foreach (var level in MeasurePlan.ReportedLevels)
            {
                checks.Add(Ahead($"({id}) req/s at c={level} vs {peer.Name}", ours.At(level)?.RequestsPerSecond, theirs.At(level)?.RequestsPerSecond, higherIsBetter: true));
            }

            var ourOverhead = overheads.FirstOrDefault(o => o.ScenarioId == id && o.System == primary.Build);
            var theirOverhead = overheads.FirstOrDefault(o => o.ScenarioId == id && o.System == peer.Name);
            checks.Add(Ahead($"({id}) added p50 vs {peer.Name}", ourOverhead?.AddedP50Ms, theirOverhead?.AddedP50Ms, higherIsBetter: false));
            checks.Add(Ahead($"({id}) added p99 vs {peer.Name}", ourOverhead?.AddedP99Ms, theirOverhead?.AddedP99Ms, higherIsBetter: false));
            checks.Add(Ahead($"({id}) CPU s per 1,000 requests vs {peer.Name}", ours.At(64)?.CpuSecondsPer1000, theirs.At(64)?.CpuSecondsPer1000, higherIsBetter: false));
        }

        checks.Add(Ahead($"idle RSS vs {peer.Name}", primary.Startup.IdleRssMb, peer.IdleRssMb, higherIsBetter: false));
    }

    private static double? Rps(BuildResult? build, string scenario, int level) =>
        build?.Scenarios.FirstOrDefault(s => s.ScenarioId == scenario)?.At(level) is { Errors: 0 } point ? point.RequestsPerSecond : null;

    private static Overhead? Added(BuildResult? build, IReadOnlyList<Overhead> overheads, string scenario) =>
        build is null ? null : overheads.FirstOrDefault(o => o.ScenarioId == scenario && o.System == build.Build);

    private static double? PeakAt64(BuildResult? build)
    {
        var peaks = build?.Scenarios.Select(s => s.At(64)?.PeakRssMb).Where(p => p is not null).ToList();
        return peaks is { Count: > 0 } ? peaks.Max() : null;
    }

    private static TargetCheck AtLeast(string name, double goal, double? measured, string unit) =>
        new(name, $"≥ {Format(goal, unit)}", measured is { } m ? Format(m, unit) : "not measured", measured is { } value ? value >= goal : null);

    private static TargetCheck AtMost(string name, double goal, double? measured, string unit) =>
        new(name, $"≤ {Format(goal, unit)}", measured is { } m ? Format(m, unit) : "not measured", measured is { } value ? value <= goal : null);

    private static TargetCheck Ahead(string name, double? ours, double? theirs, bool higherIsBetter) =>
        new(name, higherIsBetter ? "higher than the peer" : "lower than the peer",
            ours is { } o && theirs is { } t ? string.Create(CultureInfo.InvariantCulture, $"{o:0.###} vs {t:0.###}") : "not measured",
            ours is { } a && theirs is { } b ? (higherIsBetter ? a > b : a < b) : null);

    private static string Format(double value, string unit) => unit switch
    {
        "req/s" => string.Create(CultureInfo.InvariantCulture, $"{value:#,0} req/s"),
        "×" => string.Create(CultureInfo.InvariantCulture, $"{value:0.00}×"),
        "µs" => string.Create(CultureInfo.InvariantCulture, $"{value:0.0} µs"),
        "MB" => string.Create(CultureInfo.InvariantCulture, $"{value:0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.000} {unit}"),
    };
}
