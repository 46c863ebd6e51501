using System.Globalization;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// The speed targets of running as a fleet: throughput with <c>REDIS_URL</c> + <c>USAGE_DB_URL</c> at least
/// 0.90× the embedded gateway's (at most 10 % cost), and at most 0.2 ms added to the median request at c=1.
/// </summary>
internal static class FleetTargets
{
    public const double MinThroughputRatio = 0.90;
    public const double MaxAddedP50Ms = 0.2;

    public static IReadOnlyList<TargetCheck> Evaluate(FleetSpeedResult speed)
    {
        var checks = new List<TargetCheck>();
        foreach (var point in speed.Throughput)
        {
            checks.Add(Throughput(point));
        }

        checks.Add(AddedP50(speed));
        return checks;
    }

    public static TargetCheck Throughput(FleetThroughput point)
    {
        var name = $"b req/s at c={point.Concurrency.ToString(CultureInfo.InvariantCulture)}, fleet ÷ embedded";
        var goal = string.Create(CultureInfo.InvariantCulture, $"≥ {MinThroughputRatio:0.00}×");
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"{point.Ratio:0.000}× ({point.Fleet.RequestsPerSecond:0} vs {point.Embedded.RequestsPerSecond:0} req/s)");
        var errors = point.Fleet.Errors + point.Embedded.Errors;
        return errors > 0
            ? new TargetCheck(name, goal, $"{measured}, {errors} errors: not judged", null)
            : new TargetCheck(name, goal, measured, point.Ratio >= MinThroughputRatio);
    }

    public static TargetCheck AddedP50(FleetSpeedResult speed)
    {
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"{speed.FleetAddedP50Ms:+0.000;-0.000;0.000} ms (fleet {speed.Fleet.Total.P50Ms:0.000}, embedded {speed.Embedded.Total.P50Ms:0.000} ms)");
        var failures = speed.Fleet.Failures + speed.Embedded.Failures;
        return failures > 0
            ? new TargetCheck("b added p50 at c=1, fleet − embedded", "≤ 0.2 ms", $"{measured}, {failures} failed requests: not judged", null)
            : new TargetCheck("b added p50 at c=1, fleet − embedded", "≤ 0.2 ms", measured, speed.FleetAddedP50Ms <= MaxAddedP50Ms);
    }
}
