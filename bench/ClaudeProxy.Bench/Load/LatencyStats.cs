using System.Diagnostics;

namespace ClaudeProxy.Bench.Load;

/// <summary>Nearest-rank percentiles of Stopwatch tick samples, in milliseconds.</summary>
internal sealed record LatencyStats(int Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencyStats FromTicks(IReadOnlyCollection<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return new LatencyStats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        return new LatencyStats(sorted.Length, At(sorted, 50), At(sorted, 90), At(sorted, 99), At(sorted, 99.9), Ms(sorted[^1]));
    }

    private static double At(long[] sorted, double percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return Ms(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
