using ClaudeProxy.Configuration;

namespace ClaudeProxy.Bench.PromptCache;

/// <summary>How much the cache scenario sends: conversations at once, turns each, keys per channel, and the key strategies compared.</summary>
internal sealed record CachePlan(int Conversations, int Turns, int Keys, IReadOnlyList<string> Strategies)
{
    public const string Sticky = LoadBalanceStrategy.Sticky;

    public static readonly IReadOnlyList<string> Compared = [LoadBalanceStrategy.Failover, LoadBalanceStrategy.RoundRobin, Sticky];

    public static CachePlan Full() => new(32, 20, 4, Compared);

    /// <summary>The same spread of conversations over keys (the balance verdict does not change), fewer turns each.</summary>
    public static CachePlan Quick() => new(32, 8, 4, Compared);
}
