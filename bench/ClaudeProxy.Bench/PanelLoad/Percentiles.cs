namespace ClaudeProxy.Bench.PanelLoad;

/// <summary>Median, 90th percentile (nearest rank) and maximum of a small sample.</summary>
internal sealed record Percentiles(double P50, double P90, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(double.NaN, double.NaN, double.NaN);
        }

        return new Percentiles(Rank(sorted, 0.5), Rank(sorted, 0.9), sorted[^1]);
    }

    private static double Rank(double[] sorted, double fraction) => sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
