using ClaudeProxy.Bench.Mock;

namespace ClaudeProxy.Bench.PromptCache;

/// <summary>
/// One channel type under one key strategy: what each configured key served at the caching mock
/// (in config order, zeros for a key that served nothing) and the figures the report and targets
/// read from that.
/// </summary>
internal sealed record CacheRun(string Channel, string Strategy, int Conversations, int Turns, double Seconds, IReadOnlyList<KeyTally> Keys)
{
    public long Requests => Keys.Sum(k => k.Requests);

    public long InputTokens => Keys.Sum(k => k.InputTokens);

    public long CacheReadTokens => Keys.Sum(k => k.CacheReadTokens);

    public long CacheCreationTokens => Keys.Sum(k => k.CacheCreationTokens);

    public long OutputTokens => Keys.Sum(k => k.OutputTokens);

    /// <summary>Cache reads over every input-side token: read / (uncached + read + written); OpenAI's is cached / prompt tokens.</summary>
    public double HitRatio => Ratio(CacheReadTokens, InputTokens + CacheReadTokens + CacheCreationTokens);

    public double LeastShare => Ratio(Keys.Min(k => k.Requests), Requests);

    public double BusiestShare => Ratio(Keys.Max(k => k.Requests), Requests);

    /// <summary>Requests on the busiest key over those on the least busy; infinite when a key served none.</summary>
    public double BusiestToLeast => Keys.Min(k => k.Requests) is var least and > 0 ? (double)Keys.Max(k => k.Requests) / least : double.PositiveInfinity;

    public double CostUsd => SonnetPrices.Cost(InputTokens, CacheCreationTokens, CacheReadTokens, OutputTokens);

    /// <summary>The same tokens with no cache at all: every input-side token at the input price.</summary>
    public double UncachedCostUsd => SonnetPrices.Cost(InputTokens + CacheReadTokens + CacheCreationTokens, 0, 0, OutputTokens);

    /// <summary>The tallies the mock reported, lined up with the channel's keys in config order.</summary>
    public static IReadOnlyList<KeyTally> InKeyOrder(IReadOnlyList<string> keys, IReadOnlyList<KeyTally> reported) =>
        [.. keys.Select(key => reported.FirstOrDefault(t => t.Key == key) ?? new KeyTally(key, 0, 0, 0, 0, 0))];

    private static double Ratio(long part, long whole) => whole > 0 ? (double)part / whole : double.NaN;
}

/// <summary>A strategy the gateway under test could not run (older builds do not know <c>sticky</c>), and why.</summary>
internal sealed record SkippedStrategy(string Strategy, string Reason);

/// <summary>The cache scenario's outcome: the plan, the gateway build it ran on, every run, and the strategies that could not run.</summary>
internal sealed record CacheResult(string Build, CachePlan Plan, string Prices, IReadOnlyList<CacheRun> Runs, IReadOnlyList<SkippedStrategy> Skipped);
