using System.Globalization;
using ClaudeProxy.Bench.PromptCache;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Bench.Report;

/// <summary>
/// The cache scenario's targets, per channel type: <c>sticky</c> keeps at least 95 % of
/// <c>failover</c>'s upstream cache hit ratio (failover keeps every conversation on one key, the
/// best a cache can do) while no key serves more than 1.5× the requests of the least busy one.
/// Round-robin has no target: it is there for contrast.
/// </summary>
internal static class CacheTargets
{
    public const double HitRatioToFailover = 0.95;
    public const double BusiestToLeast = 1.5;

    public static IReadOnlyList<TargetCheck> Evaluate(CacheResult cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var checks = new List<TargetCheck>();
        foreach (var channel in CacheScenario.Channels)
        {
            var sticky = Find(cache, channel, CachePlan.Sticky);
            var failover = Find(cache, channel, LoadBalanceStrategy.Failover);
            var on = $" [{cache.Build}]";
            checks.Add(TargetEvaluator.RatioAtLeast($"(cache, {channel}) sticky upstream cache hit ratio, ratio to failover's{on}", HitRatioToFailover,
                HitRatio(cache, sticky, CachePlan.Sticky), HitRatio(cache, failover, LoadBalanceStrategy.Failover), "hit ratio"));
            checks.Add(Balance($"(cache, {channel}) sticky requests on the busiest key ÷ the least busy{on}", cache, sticky));
        }

        return checks;
    }

    /// <summary>The ratio with every key's count beside it, e.g. "1.50× (200/160/160/120 requests)".</summary>
    private static TargetCheck Balance(string name, CacheResult cache, CacheRun? sticky)
    {
        var goal = string.Create(CultureInfo.InvariantCulture, $"≤ {BusiestToLeast:0.00}×");
        if (sticky is null)
        {
            return new TargetCheck(name, goal, Reading.None(Missing(cache, CachePlan.Sticky)).NotMeasured, null);
        }

        var spread = string.Join('/', sticky.Keys.Select(k => k.Requests)) + " requests";
        var ratio = sticky.BusiestToLeast;
        return double.IsInfinity(ratio)
            ? new TargetCheck(name, goal, $"a key served none ({spread})", false)
            : new TargetCheck(name, goal, string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}× ({spread})"), ratio <= BusiestToLeast);
    }

    private static CacheRun? Find(CacheResult cache, string channel, string strategy) =>
        cache.Runs.FirstOrDefault(r => r.Channel == channel && r.Strategy == strategy);

    private static Reading HitRatio(CacheResult cache, CacheRun? run, string strategy) =>
        run is null ? Reading.None(Missing(cache, strategy)) : Reading.Of(run.HitRatio, $"{strategy} sent no input tokens");

    private static string Missing(CacheResult cache, string strategy) =>
        cache.Skipped.FirstOrDefault(s => s.Strategy == strategy) is { } skipped
            ? $"the {cache.Build} gateway did not start with {strategy}: {skipped.Reason}"
            : $"{strategy} not run";
}
