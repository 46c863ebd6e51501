using System.Runtime.InteropServices;

namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// Nearest-rank percentiles: the smallest value with at least p % of the values at or below it.
/// Found by selection (average linear time) rather than a full sort: a stats window can hold
/// hundreds of thousands of latencies.
/// </summary>
public static class Percentile
{
    /// <summary>Reorders <paramref name="values"/> and returns the given percentiles (null when empty).</summary>
    public static double?[] Of(List<double> values, params ReadOnlySpan<double> percents)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new double?[percents.Length];
        if (values.Count == 0)
        {
            return result;
        }

        var span = CollectionsMarshal.AsSpan(values);
        for (var i = 0; i < percents.Length; i++)
        {
            var rank = Math.Clamp((int)Math.Ceiling(percents[i] / 100 * span.Length), 1, span.Length);
            result[i] = Select(span, rank - 1);
        }

        return result;
    }

    /// <summary>The value that would sit at <paramref name="k"/> if <paramref name="span"/> were sorted (Hoare's selection).</summary>
    private static double Select(Span<double> span, int k)
    {
        int left = 0, right = span.Length - 1;
        while (right > left)
        {
            // Median of three as the pivot keeps sorted and reversed input linear.
            var mid = left + ((right - left) / 2);
            var pivot = Median(span[left], span[mid], span[right]);
            int i = left, j = right;
            while (i <= j)
            {
                while (span[i] < pivot)
                {
                    i++;
                }

                while (span[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (span[i], span[j]) = (span[j], span[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return span[k];
            }
        }

        return span[k];
    }

    private static double Median(double a, double b, double c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
