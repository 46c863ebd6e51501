using ClaudeProxy.Observability.Usage;
using Xunit;

namespace ClaudeProxy.Tests.Usage;

/// <summary>Nearest-rank percentiles by selection agree with sorting, whatever the order and duplicates.</summary>
public sealed class PercentileTests
{
    [Fact]
    public void Percentiles_match_the_nearest_rank_of_the_sorted_values_for_random_sorted_reversed_and_repeated_input()
    {
        var random = new Random(7);
        List<List<double>> inputs =
        [
            [.. Enumerable.Range(0, 1001).Select(_ => Math.Round(random.NextDouble() * 100))],
            [.. Enumerable.Range(1, 500).Select(i => (double)i)],
            [.. Enumerable.Range(1, 500).Select(i => (double)-i)],
            [.. Enumerable.Repeat(3.0, 40)],
            [42],
            [2, 1],
        ];

        foreach (var input in inputs)
        {
            var sorted = input.Order().ToList();
            foreach (var p in new[] { 1.0, 50, 95, 99, 100 })
            {
                var expected = sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count), 1, sorted.Count) - 1];
                Assert.Equal(expected, Percentile.Of([.. input], p)[0]);
            }
        }
    }

    [Fact]
    public void No_values_have_no_percentile()
    {
        Assert.Equal([null, null], Percentile.Of([], 50, 95));
    }
}
