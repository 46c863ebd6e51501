using System.Globalization;
using ClaudeProxy.Bench.Measure;
using ClaudeProxy.Bench.PromptCache;

namespace ClaudeProxy.Bench.Report;

/// <summary>The report as tables: latency, throughput, processes, allocations, the peer, the targets.</summary>
internal static class ReportTables
{
    public static IReadOnlyList<TextTable> Build(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tables = new List<TextTable>();
        if (AllResults(report).Any())
        {
            tables.Add(Latency(report));
            tables.Add(Throughput(report));
        }

        if (report.Builds.Count > 0 || report.Peer is not null)
        {
            // A cache-only run measures no load points and no processes: no empty tables for it.
            tables.Add(Processes(report));
        }

        if (report.Allocations.Count > 0)
        {
            tables.Add(Allocations(report));
            tables.Add(TranslationSteps(report));
        }

        if (report.Peer is not null)
        {
            tables.Add(SideBySide(report, report.Peer));
        }

        if (report.Cache is not null)
        {
            tables.Add(CacheTable(report.Cache));
        }

        tables.Add(Targets(report));
        return tables;
    }

    public static string Summary(IReadOnlyList<TargetCheck> targets) =>
        $"Targets: {targets.Count(t => t.Pass == true)} PASS, {targets.Count(t => t.Pass == false)} MISS, {targets.Count(t => t.Pass is null)} not measured (of {targets.Count}).";

    private static IEnumerable<ScenarioResult> AllResults(BenchReport report) =>
        report.Floors.Concat(report.Builds.SelectMany(b => b.Scenarios)).Concat(report.Peer?.Scenarios ?? []);

    private static TextTable Latency(BenchReport report)
    {
        var table = new TextTable(
            "Latency at concurrency 1 (in-process client, one keep-alive connection; ms unless noted; added = minus the floor's percentile)",
            "system", "scenario", "body KB", "p50", "p99", "added p50", "added p99", "1st byte p50", "1st byte added", "event added p50/p99 µs", "event cost µs");
        foreach (var result in AllResults(report))
        {
            var overhead = report.Overheads.FirstOrDefault(o => o.ScenarioId == result.ScenarioId && o.System == result.System);
            table.Add(
                result.System,
                $"{result.ScenarioId} {result.Title}",
                F(result.RequestBytes / 1024.0, 1),
                F(result.Latency.Total.P50Ms, 3),
                F(result.Latency.Total.P99Ms, 3),
                F(overhead?.AddedP50Ms, 3),
                F(overhead?.AddedP99Ms, 3),
                result.Streaming ? F(result.Latency.FirstByte.P50Ms, 3) : "–",
                F(overhead?.FirstByteAddedP50Ms, 3),
                overhead?.EventDelayAddedP50Us is { } p50 ? $"{F(p50, 1)} / {F(overhead.EventDelayAddedP99Us, 1)}"
                    : result.EventDelay is { } own ? $"({F(own.P50Ms * 1000, 1)} / {F(own.P99Ms * 1000, 1)})" : "–",
                F(overhead?.EventCostUs, 2));
        }

        return table;
    }

    private static TextTable Throughput(BenchReport report)
    {
        var table = new TextTable(
            $"Throughput ({report.Settings.LoadGenerator}, {F(report.Settings.LoadSeconds, 0)} s per point; req/s; CPU and RSS of the server process at c=64)",
            "system", "scenario", "c=1", "c=8", "c=64", "p99 ms at c=64", "best with p99 < 10 ms", "CPU s / 1k req", "RSS MB at c=64");
        foreach (var result in AllResults(report))
        {
            var at64 = result.At(64);
            var best = result.BestUnderBudget;
            table.Add(
                result.System,
                result.ScenarioId,
                Rps(result.At(1)),
                Rps(result.At(8)),
                Rps(at64),
                F(at64?.P99Ms, 2),
                best is null ? "none" : $"{Rps(best)} (c={best.Concurrency})",
                F(at64?.CpuSecondsPer1000, 3),
                F(at64?.PeakRssMb, 1));
        }

        return table;
    }

    private static TextTable Processes(BenchReport report)
    {
        var table = new TextTable("Processes (start-up = process created → first 200 from /health; idle = 1 s after start, no traffic)",
            "system", "how it runs", "build s", "start-up p50 ms (min–max, runs)", "idle RSS MB", "RSS after load MB", "peak RSS MB (VmHWM)");
        foreach (var build in report.Builds)
        {
            table.Add(build.Build, build.Description, F(build.BuildSeconds, 0),
                $"{F(build.Startup.P50Ms, 1)} ({F(build.Startup.MinMs, 1)}–{F(build.Startup.MaxMs, 1)}, {build.Startup.Runs})",
                F(build.Startup.IdleRssMb, 1), F(build.RssAfterLoadMb, 1), F(build.PeakRssMb, 1));
        }

        if (report.Peer is { } peer)
        {
            table.Add(peer.Name, "node (npm @musistudio/claude-code-router@2.0.0), LOG false", "–", $"{F(peer.StartupMs, 0)} (1)", F(peer.IdleRssMb, 1), F(peer.RssAfterLoadMb, 1), "–");
        }

        return table;
    }

    private static TextTable Allocations(BenchReport report)
    {
        var table = new TextTable($"Allocated per request, whole gateway ({report.Settings.AllocationMethod})",
            "scenario", "body KB", "allocated KB / request", "× body", "requests");
        foreach (var allocation in report.Allocations)
        {
            table.Add(allocation.ScenarioId, F(allocation.RequestBytes / 1024.0, 1), F(allocation.BytesPerRequest / 1024, 1), F(allocation.RatioToBody, 2),
                allocation.Requests.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static TextTable TranslationSteps(BenchReport report)
    {
        var table = new TextTable("The translation steps alone (in-process on the JIT, one thread: GC.GetAllocatedBytesForCurrentThread and a stopwatch, 50 runs each)",
            "step", "input KB", "allocated KB / run", "× input", "median µs / run");
        foreach (var step in report.TranslationSteps)
        {
            table.Add(step.Step, F(step.InputBytes / 1024.0, 1), F(step.BytesPerOperation / 1024, 1), F(step.BytesPerOperation / step.InputBytes, 2), F(step.MedianMicroseconds, 0));
        }

        return table;
    }

    private static TextTable SideBySide(BenchReport report, PeerResult peer)
    {
        var ours = report.Builds.FirstOrDefault(b => b.Build == "native") ?? (report.Builds.Count > 0 ? report.Builds[0] : null);
        var table = new TextTable($"Side by side: {ours?.Build ?? "gateway"} vs {peer.Name} (same mock, same bodies, same run; ratio = how many times better the gateway is)",
            "scenario", "figure", ours?.Build ?? "gateway", peer.Name, "ratio");
        foreach (var theirs in peer.Scenarios)
        {
            var mine = ours?.Scenarios.FirstOrDefault(s => s.ScenarioId == theirs.ScenarioId);
            foreach (var level in MeasurePlan.ReportedLevels)
            {
                var a = mine?.At(level)?.RequestsPerSecond;
                var b = theirs.At(level)?.RequestsPerSecond;
                table.Add(theirs.ScenarioId, $"req/s at c={level}", F(a, 0), F(b, 0), Ratio(a, b));
            }

            var ourOverhead = report.Overheads.FirstOrDefault(o => o.ScenarioId == theirs.ScenarioId && o.System == ours?.Build);
            var theirOverhead = report.Overheads.FirstOrDefault(o => o.ScenarioId == theirs.ScenarioId && o.System == peer.Name);
            table.Add(theirs.ScenarioId, "added p50 ms (c=1)", F(ourOverhead?.AddedP50Ms, 3), F(theirOverhead?.AddedP50Ms, 3), Ratio(theirOverhead?.AddedP50Ms, ourOverhead?.AddedP50Ms));
            table.Add(theirs.ScenarioId, "added p99 ms (c=1)", F(ourOverhead?.AddedP99Ms, 3), F(theirOverhead?.AddedP99Ms, 3), Ratio(theirOverhead?.AddedP99Ms, ourOverhead?.AddedP99Ms));
            if (theirs.Streaming)
            {
                table.Add(theirs.ScenarioId, "1st byte added ms", F(ourOverhead?.FirstByteAddedP50Ms, 3), F(theirOverhead?.FirstByteAddedP50Ms, 3),
                    Ratio(theirOverhead?.FirstByteAddedP50Ms, ourOverhead?.FirstByteAddedP50Ms));
            }

            table.Add(theirs.ScenarioId, "CPU s / 1k req (c=64)", F(mine?.At(64)?.CpuSecondsPer1000, 3), F(theirs.At(64)?.CpuSecondsPer1000, 3),
                Ratio(theirs.At(64)?.CpuSecondsPer1000, mine?.At(64)?.CpuSecondsPer1000));
        }

        table.Add("–", "idle RSS MB", F(ours?.Startup.IdleRssMb, 1), F(peer.IdleRssMb, 1), Ratio(peer.IdleRssMb, ours?.Startup.IdleRssMb));
        return table;
    }

    private static TextTable CacheTable(CacheResult cache)
    {
        var plan = cache.Plan;
        var table = new TextTable(
            $"Prompt cache ({cache.Build} build; {plan.Conversations} Claude Code-shaped conversations × {plan.Turns} turns at once, {plan.Keys} keys per channel; "
                + $"caching mock: a prompt cache per key, 5 min TTL, tokens ≈ bytes / 4; hit ratio = cache reads / all input-side tokens; cost at {cache.Prices})",
            "channel", "key strategy", "requests", "cache hit ratio", "k tokens uncached / written / read", "requests per key", "least–busiest share", "busiest ÷ least", "cost $", "of no-cache cost");
        foreach (var run in cache.Runs)
        {
            table.Add(
                run.Channel,
                run.Strategy,
                run.Requests.ToString(CultureInfo.InvariantCulture),
                Percent(run.HitRatio),
                $"{F(run.InputTokens / 1000.0, 0)} / {F(run.CacheCreationTokens / 1000.0, 0)} / {F(run.CacheReadTokens / 1000.0, 0)}",
                string.Join('/', run.Keys.Select(k => k.Requests)),
                $"{Percent(run.LeastShare)}–{Percent(run.BusiestShare)}",
                double.IsInfinity(run.BusiestToLeast) ? "∞ (a key idle)" : F(run.BusiestToLeast, 2) + "×",
                F(run.CostUsd, 2),
                Percent(run.CostUsd / run.UncachedCostUsd));
        }

        foreach (var skipped in cache.Skipped)
        {
            table.Add("both", skipped.Strategy, "not run: the gateway refused it (see the targets)", "–", "–", "–", "–", "–", "–", "–");
        }

        return table;
    }

    private static TextTable Targets(BenchReport report)
    {
        var table = new TextTable("Targets (request-path figures as ratios to the floors of this run; start-up, memory and allocations absolute)", "verdict", "target", "goal", "measured");
        foreach (var target in report.Targets)
        {
            table.Add(target.Verdict, target.Name, target.Goal, target.Measured);
        }

        return table;
    }

    private static string Rps(Load.LoadPoint? point) =>
        point is null ? "–" : F(point.RequestsPerSecond, 0) + (point.Errors > 0 ? $" ({point.Errors} err)" : "");

    private static string Ratio(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d > 0 && n > 0 ? F(n / d, 1) + "×" : "–";

    private static string Percent(double value) => double.IsNaN(value) ? "–" : F(value * 100, 1) + " %";

    private static string F(double? value, int decimals) =>
        value is { } v && !double.IsNaN(v) ? v.ToString(decimals == 0 ? "#,0" : "0." + new string('0', decimals), CultureInfo.InvariantCulture) : "–";
}
