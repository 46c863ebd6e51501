namespace ClaudeProxy.Configuration;

/// <summary>How a channel picks among its keys (claude-proxy's <c>loadBalance</c>, plus <c>sticky</c>).</summary>
public static class LoadBalanceStrategy
{
    public const string RoundRobin = "round-robin";
    public const string Random = "random";
    /// <summary>Keys in list order; keeps one key's prompt cache warm.</summary>
    public const string Failover = "failover";
    /// <summary>Each conversation keeps its own key, and conversations spread over the keys: caches stay warm on every key.</summary>
    public const string Sticky = "sticky";

    public static readonly IReadOnlyList<string> All = [Sticky, Failover, RoundRobin, Random];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value);
}
