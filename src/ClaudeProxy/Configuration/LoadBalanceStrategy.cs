namespace ClaudeProxy.Configuration;

/// <summary>How a channel picks among its keys (claude-proxy's <c>loadBalance</c>).</summary>
public static class LoadBalanceStrategy
{
    public const string RoundRobin = "round-robin";
    public const string Random = "random";
    /// <summary>Keys in list order; keeps one key's prompt cache warm.</summary>
    public const string Failover = "failover";

    public static readonly IReadOnlyList<string> All = [RoundRobin, Random, Failover];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value);
}
