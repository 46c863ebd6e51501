using ClaudeProxy.Configuration;

namespace ClaudeProxy.Routing.Policies;

/// <summary>How a channel picks among its keys, resolved from the file's <c>loadBalance</c> once per config snapshot.</summary>
public enum KeyStrategy
{
    /// <summary>Keys in list order; keeps one key's prompt cache warm.</summary>
    Failover,
    RoundRobin,
    Random,
    /// <summary>A conversation's key by rendezvous hashing (round-robin for requests that name no conversation).</summary>
    Sticky,
}

public static class KeyStrategies
{
    /// <summary>The strategy a <c>loadBalance</c> value names; the validator refuses unknown values, so anything else is failover.</summary>
    public static KeyStrategy Parse(string? value) => value switch
    {
        LoadBalanceStrategy.RoundRobin => KeyStrategy.RoundRobin,
        LoadBalanceStrategy.Random => KeyStrategy.Random,
        LoadBalanceStrategy.Sticky => KeyStrategy.Sticky,
        _ => KeyStrategy.Failover,
    };
}
