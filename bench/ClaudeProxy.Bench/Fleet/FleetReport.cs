using System.Globalization;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>Everything the fleet scenario measured and checked, as written to <c>bench/out/fleet.json</c>.</summary>
internal sealed record FleetReport(
    DateTimeOffset Started,
    double TotalSeconds,
    MachineInfo Machine,
    string LoadAverageAtEnd,
    string Command,
    bool RequestLogs,
    string LoadGenerator,
    string Redis,
    string Postgres,
    FleetSpeedResult Speed,
    IReadOnlyList<TargetCheck> SpeedTargets,
    IReadOnlyList<TargetCheck> Behaviour)
{
    public IReadOnlyList<TextTable> Tables()
    {
        var speed = new TextTable(
            $"Scenario b, {Speed.Build} build: embedded against REDIS_URL + USAGE_DB_URL (interleaved)", "", "floor", "embedded", "fleet", "fleet vs embedded");
        var s = Speed;
        speed.Add("p50 at c=1 (ms)", Ms(s.Floor.Total.P50Ms), Ms(s.Embedded.Total.P50Ms), Ms(s.Fleet.Total.P50Ms), Signed(s.FleetAddedP50Ms) + " ms");
        speed.Add("p99 at c=1 (ms)", Ms(s.Floor.Total.P99Ms), Ms(s.Embedded.Total.P99Ms), Ms(s.Fleet.Total.P99Ms), Signed(s.FleetAddedP99Ms) + " ms");
        speed.Add("added p50 / p99 vs floor (ms)", "", $"{Signed(s.AddedP50Ms(s.Embedded))} / {Signed(s.AddedP99Ms(s.Embedded))}", $"{Signed(s.AddedP50Ms(s.Fleet))} / {Signed(s.AddedP99Ms(s.Fleet))}", "");
        foreach (var point in s.Throughput)
        {
            speed.Add($"req/s at c={point.Concurrency.ToString(CultureInfo.InvariantCulture)}", "", Rate(point.Embedded.RequestsPerSecond), Rate(point.Fleet.RequestsPerSecond),
                point.Ratio.ToString("0.000", CultureInfo.InvariantCulture) + "×");
        }

        if (s.Throughput.Count > 0)
        {
            var last = s.Throughput[^1];
            speed.Add($"gateway CPU s / 1k req at c={last.Concurrency.ToString(CultureInfo.InvariantCulture)}", "", Cpu(last.Embedded.GatewayCpuPer1000), Cpu(last.Fleet.GatewayCpuPer1000),
                (last.Fleet.GatewayCpuPer1000 / last.Embedded.GatewayCpuPer1000).ToString("0.00", CultureInfo.InvariantCulture) + "×");
            speed.Add($"Redis + PostgreSQL CPU s / 1k req at c={last.Concurrency.ToString(CultureInfo.InvariantCulture)}", "", "", Cpu(last.Fleet.BackendCpuPer1000), "");
        }

        return [speed, Checks("Fleet targets: speed", SpeedTargets), Checks("Fleet-wide behaviour (three instances, one Redis, one PostgreSQL)", Behaviour)];
    }

    private static TextTable Checks(string title, IReadOnlyList<TargetCheck> checks)
    {
        var table = new TextTable(title, "check", "goal", "measured", "verdict");
        foreach (var check in checks)
        {
            table.Add(check.Name, check.Goal, check.Measured, check.Verdict);
        }

        return table;
    }

    private static string Ms(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Signed(double ms) => ms.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static string Rate(double perSecond) => perSecond.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Cpu(double seconds) => double.IsFinite(seconds) ? seconds.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
