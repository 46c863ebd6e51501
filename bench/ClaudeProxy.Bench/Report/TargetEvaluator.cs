using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Measure;

namespace ClaudeProxy.Bench.Report;

/// <summary>
/// The gateway's performance targets, checked on the native build (the one that ships; the JIT build
/// when only it ran). The machine's speed changes from day to day, so request-path targets are ratios
/// to the floor measured in the same run (the same upstream exchange without the gateway); start-up,
/// memory and allocations are absolute. A target this run has no figure for is reported n/a, with why.
/// </summary>
internal static class TargetEvaluator
{
    public static IReadOnlyList<TargetCheck> Evaluate(
        IReadOnlyList<ScenarioResult> floors,
        IReadOnlyList<BuildResult> builds,
        IReadOnlyList<Overhead> overheads,
        IReadOnlyList<AllocationResult> allocations,
        PeerResult? peer)
    {
        var primary = builds.FirstOrDefault(b => b.Build == GatewayBuilds.Native) ?? (builds.Count > 0 ? builds[0] : null);
        var native = builds.FirstOrDefault(b => b.Build == GatewayBuilds.Native);
        var jit = builds.FirstOrDefault(b => b.Build == GatewayBuilds.Jit);
        var on = primary is null ? "" : $" [{primary.Build}]";
        var run = new TargetReadings(floors, overheads, allocations);
        var checks = new List<TargetCheck>
        {
            RatioAtLeast($"(b) passthrough req/s at c=64, ratio to the floor ({TargetReadings.FloorId("b")}){on}", 0.30,
                TargetReadings.Rps(primary, "b", 64), run.FloorRps("b", 64), "req/s"),
            AtMost($"(b) passthrough added latency p50 at c=1{on}", 0.1, run.Added(primary, "b", o => o.AddedP50Ms), "ms"),
            RatioAtLeast($"(c) translated non-stream req/s at c=64, ratio to the floor ({TargetReadings.FloorId("c")}){on}", 0.40,
                TargetReadings.Rps(primary, "c", 64), run.FloorRps("c", 64), "req/s"),
            AtMost($"(c) translated non-stream added latency p50 at c=1{on}", 0.4, run.Added(primary, "c", o => o.AddedP50Ms), "ms"),
            AtMost($"(c) translated non-stream added latency p99 at c=1{on}", 1.5, run.Added(primary, "c", o => o.AddedP99Ms), "ms"),
            RatioAtMost($"(c) CPU per translated request at c=64, ratio to the floor's ({TargetReadings.FloorId("c")}){on}", 3,
                TargetReadings.Cpu(primary, "c", 64), run.FloorCpu("c", 64), "CPU-s per 1,000 requests"),
            RatioAtLeast($"(d) translated stream req/s at c=64, ratio to the floor ({TargetReadings.FloorId("d")}){on}", 0.35,
                TargetReadings.Rps(primary, "d", 64), run.FloorRps("d", 64), "req/s"),
            AtMost($"(d) stream first byte after the upstream's (the floor's), p50 at c=1{on}", 0.5,
                run.Added(primary, "d", o => o.FirstByteAddedP50Ms), "ms"),
            AtMost($"(d) added per event over the floor's, paced p50{on}", 20, run.Added(primary, "d", o => o.EventDelayAddedP50Us), "µs"),
            RatioAtLeast($"(e) Gemini stream req/s at c=64, ratio to (d)'s{on}", 0.80,
                TargetReadings.Rps(primary, "e", 64), TargetReadings.Rps(primary, "d", 64), "req/s"),
        };
        foreach (var id in new[] { "c", "d", "e" })
        {
            checks.Add(AtMost($"({id}) allocated per translated request, × request body", 1, run.AllocatedToBody(id), "×"));
        }

        checks.Add(AtMost("native start-up (process start → first /health 200), p50", 50,
            TargetReadings.Startup(native, GatewayBuilds.Native, s => s.P50Ms), "ms"));
        checks.Add(AtMost("native idle RSS", 20, TargetReadings.Startup(native, GatewayBuilds.Native, s => s.IdleRssMb), "MB"));
        checks.Add(AtMost("native RSS under load at c=64 (highest sampled)", 120, TargetReadings.PeakRssAt64(native, GatewayBuilds.Native), "MB"));
        checks.Add(AtMost("JIT idle RSS", 60, TargetReadings.Startup(jit, GatewayBuilds.Jit, s => s.IdleRssMb), "MB"));
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

    private static TargetCheck AtMost(string name, double goal, Reading measured, string unit) =>
        Check(name, $"≤ {Goal(goal, unit)}", measured, unit, value => value <= goal);

    private static TargetCheck Check(string name, string goal, Reading measured, string unit, Func<double, bool> meets) =>
        measured.Value is { } value ? new(name, goal, Format(value, unit), meets(value)) : new(name, goal, measured.NotMeasured, null);

    /// <summary>Ours over the reference, e.g. "0.19× (754 vs 4,039 req/s)".</summary>
    internal static TargetCheck RatioAtLeast(string name, double goal, Reading ours, Reading reference, string unit) =>
        Ratio(name, $"≥ {Format(goal, "×")}", ours, reference, unit, ratio => ratio >= goal);

    private static TargetCheck RatioAtMost(string name, double goal, Reading ours, Reading reference, string unit) =>
        Ratio(name, $"≤ {Format(goal, "×")}", ours, reference, unit, ratio => ratio <= goal);

    private static TargetCheck Ratio(string name, string goal, Reading ours, Reading reference, string unit, Func<double, bool> meets)
    {
        if (ours.Value is not { } a)
        {
            return new(name, goal, ours.NotMeasured, null);
        }

        if (reference.Value is not { } b)
        {
            return new(name, goal, reference.NotMeasured, null);
        }

        if (b <= 0)
        {
            return new(name, goal, $"not measured (nothing to compare with: {Number(b, unit)} {unit})", null);
        }

        var ratio = a / b;
        return new(name, goal, $"{Format(ratio, "×")} ({Number(a, unit)} vs {Number(b, unit)} {unit})", meets(ratio));
    }

    private static TargetCheck Ahead(string name, double? ours, double? theirs, bool higherIsBetter) =>
        new(name, higherIsBetter ? "higher than the peer" : "lower than the peer",
            ours is { } o && theirs is { } t ? string.Create(CultureInfo.InvariantCulture, $"{o:0.###} vs {t:0.###}") : "not measured",
            ours is { } a && theirs is { } b ? (higherIsBetter ? a > b : a < b) : null);

    /// <summary>A goal as written ("≤ 0.4 ms", "≤ 50 ms"); ratios keep two decimals.</summary>
    private static string Goal(double value, string unit) =>
        unit == "×" ? Format(value, unit) : $"{value.ToString("#,0.###", CultureInfo.InvariantCulture)} {unit}";

    private static string Format(double value, string unit) => unit == "×" ? Number(value, unit) + "×" : $"{Number(value, unit)} {unit}";

    private static string Number(double value, string unit) => unit switch
    {
        "req/s" => value.ToString("#,0", CultureInfo.InvariantCulture),
        "×" => value.ToString("0.00", CultureInfo.InvariantCulture),
        "µs" or "MB" => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
