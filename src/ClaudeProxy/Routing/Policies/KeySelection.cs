using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ClaudeProxy.Routing.Affinity;

namespace ClaudeProxy.Routing.Policies;

/// <summary>
/// Picks the next key of a channel among the candidates (keys not yet tried in this request and not
/// resting): <c>failover</c> takes them in list order (keeping one key's prompt cache warm),
/// <c>round-robin</c> rotates a per-channel counter, <c>random</c> picks uniformly, <c>sticky</c> keeps
/// a conversation on the key it was last sent to, and gives a new one a lightly loaded key.
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

    /// <summary>
    /// As <see cref="Pick(KeyStrategy, string, IReadOnlyList{int})"/>, for a request that names a conversation.
    /// With <c>sticky</c>, the conversation's pinned key when it is a candidate; otherwise, of the candidates
    /// that carry the fewest live conversations (within an eighth of the average, so a large pool keeps to the
    /// hash), the one that ranks first for this conversation by rendezvous hashing. Hashing alone leaves keys
    /// uneven when conversations are few (32 over 4 keys: the busiest often has three times the least busy's).
    /// </summary>
    public int Pick(RoutedChannel channel, IReadOnlyList<int> candidates, ulong conversation, ConversationPin? pin, ConversationPins pins)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(pins);
        if (channel.Strategy != KeyStrategy.Sticky)
        {
            return Pick(channel.Strategy, channel.Id, candidates);
        }

        Span<int> loads = candidates.Count <= 64 ? stackalloc int[candidates.Count] : new int[candidates.Count];
        var least = int.MaxValue;
        var total = 0L;
        for (var i = 0; i < candidates.Count; i++)
        {
            var keyHash = channel.KeyHashes[candidates[i]];
            if (pin is not null && pin.SameTarget(channel.Id, keyHash))
            {
                return candidates[i];
            }

            loads[i] = pins.Load(channel.Id, keyHash);
            least = Math.Min(least, loads[i]);
            total += loads[i];
        }

        var allowed = least + (int)(total / candidates.Count / 8);
        var best = candidates[0];
        var bestScore = double.MinValue;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (loads[i] > allowed)
            {
                continue;
            }

            var score = Rendezvous.Score(conversation, channel.KeyHashes[candidates[i]], weight: 1);
            if (score > bestScore)
            {
                (best, bestScore) = (candidates[i], score);
            }
        }

        return best;
    }

    private long Next(string channelId) => Interlocked.Increment(ref _counters.GetOrAdd(channelId, _ => new StrongBox<long>(-1)).Value);
}
