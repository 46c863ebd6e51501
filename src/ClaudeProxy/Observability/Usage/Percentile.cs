namespace ClaudeProxy.Observability.Usage;

/// <summary>Nearest-rank percentiles: the smallest value with at least p % of the values at or below it.</summary>
public static class Percentile
{
    /// <summary>Sorts <paramref name="values"/> in place and returns the given percentiles (null when empty).</summary>
    public static double?[] Of(List<double> values, params ReadOnlySpan<double> percents)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new double?[percents.Length];
        if (values.Count == 0)
        {
            return result;
        }

        values.Sort();
        for (var i = 0; i < percents.Length; i++)
        {
            var rank = (int)Math.Ceiling(percents[i] / 100 * values.Count);
            result[i] = values[Math.Clamp(rank, 1, values.Count) - 1];
        }

        return result;
    }
}
