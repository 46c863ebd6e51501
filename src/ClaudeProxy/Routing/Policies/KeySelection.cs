using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ClaudeProxy.Routing.Policies;

/// <summary>
/// Picks the next key of a channel among the candidates (keys not yet tried in this request and not
/// resting): <c>failover</c> takes them in list order (keeping one key's prompt cache warm),
/// <c>round-robin</c> rotates a per-channel counter, <c>random</c> picks uniformly.
/// </summary>
public sealed class KeySelection
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new(StringComparer.Ordinal);

    public int Pick(KeyStrategy strategy, string channelId, IReadOnlyList<int> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return strategy switch
        {
            KeyStrategy.RoundRobin => candidates[(int)(Next(channelId) % candidates.Count)],
            KeyStrategy.Random => candidates[Random.Shared.Next(candidates.Count)],
            _ => candidates[0],
        };
    }

    private long Next(string channelId) => Interlocked.Increment(ref _counters.GetOrAdd(channelId, _ => new StrongBox<long>(-1)).Value);
}
