using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ClaudeProxy.Routing.Affinity;

namespace ClaudeProxy.Routing.Policies;

/// <summary>
/// Picks the next key of a channel among the candidates (keys not yet tried in this request and not
/// resting): <c>failover</c> takes them in list order (keeping one key's prompt cache warm),
/// <c>round-robin</c> rotates a per-channel counter, <c>random</c> picks uniformly, <c>sticky</c> keeps
/// a conversation on the key it was last served by, or else its rendezvous choice.
/// </summary>
public sealed class KeySelection
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new(StringComparer.Ordinal);

    public int Pick(KeyStrategy strategy, string channelId, IReadOnlyList<int> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return strategy switch
        {
            KeyStrategy.RoundRobin or KeyStrategy.Sticky => candidates[(int)(Next(channelId) % candidates.Count)],
            KeyStrategy.Random => candidates[Random.Shared.Next(candidates.Count)],
            _ => candidates[0],
        };
    }

    /// <summary>As <see cref="Pick(KeyStrategy, string, IReadOnlyList{int})"/>, for a request that names a conversation.</summary>
    public int Pick(RoutedChannel channel, IReadOnlyList<int> candidates, ulong conversation, ConversationPin? pin)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(candidates);
        if (channel.Strategy != KeyStrategy.Sticky)
        {
            return Pick(channel.Strategy, channel.Id, candidates);
        }

        var best = candidates[0];
        var bestScore = double.MinValue;
        foreach (var key in candidates)
        {
            var keyHash = channel.KeyHashes[key];
            if (pin is not null && pin.KeyHash == keyHash && pin.ChannelId == channel.Id)
            {
                return key;
            }

            var score = Rendezvous.Score(conversation, keyHash, weight: 1);
            if (score > bestScore)
            {
                (best, bestScore) = (key, score);
            }
        }

        return best;
    }

    private long Next(string channelId) => Interlocked.Increment(ref _counters.GetOrAdd(channelId, _ => new StrongBox<long>(-1)).Value);
}
