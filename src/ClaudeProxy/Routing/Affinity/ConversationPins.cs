using System.Collections.Concurrent;

namespace ClaudeProxy.Routing.Affinity;

/// <summary>Where a conversation was last served: its channel and the hash of its key.</summary>
public sealed class ConversationPin(string channelId, ulong keyHash, long lastUsed)
{
    public string ChannelId { get; } = channelId;

    public ulong KeyHash { get; } = keyHash;

    internal long LastUsed = lastUsed;
}

/// <summary>
/// Remembers where each conversation last succeeded, so that a conversation that moved (its key rested or
/// failed) stays where it moved to and keeps that key's prompt cache, instead of going back to its first
/// choice when that recovers. Idle pins expire; the table is bounded. Conversations are held by hash only.
/// </summary>
public sealed class ConversationPins(TimeProvider timeProvider)
{
    /// <summary>Longer than any upstream's prompt cache lives without a hit (Anthropic's longest is an hour).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(1);

    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<ulong, ConversationPin> _pins = new();
    private int _count;
    private int _shrinking;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The conversation's pin, unless it has been idle longer than <see cref="IdleLifetime"/>.</summary>
    public ConversationPin? Find(ulong conversation) =>
        _pins.TryGetValue(conversation, out var pin) && !Expired(pin, timeProvider.GetTimestamp()) ? pin : null;

    /// <summary>The conversation was served by this channel and key: pin it there (or keep its pin fresh).</summary>
    public void Record(ulong conversation, string channelId, ulong keyHash)
    {
        var now = timeProvider.GetTimestamp();
        if (_pins.TryGetValue(conversation, out var pin) && pin.KeyHash == keyHash && pin.ChannelId == channelId)
        {
            Volatile.Write(ref pin.LastUsed, now);
            return;
        }

        var fresh = new ConversationPin(channelId, keyHash, now);
        var added = false;
        _pins.AddOrUpdate(conversation, _ => { added = true; return fresh; }, (_, _) => { added = false; return fresh; });
        if (added && Interlocked.Increment(ref _count) > Capacity && Interlocked.Exchange(ref _shrinking, 1) == 0)
        {
            try
            {
                Shrink(now);
            }
            finally
            {
                Volatile.Write(ref _shrinking, 0);
            }
        }
    }

    private bool Expired(ConversationPin pin, long now) =>
        timeProvider.GetElapsedTime(Volatile.Read(ref pin.LastUsed), now) > IdleLifetime;

    private void Shrink(long now)
    {
        // Expired pins go first; if the table is full of live ones, the oldest quarter goes (those
        // conversations fall back to their rendezvous choice, usually the same key).
        foreach (var (conversation, pin) in _pins)
        {
            if (Expired(pin, now) && _pins.TryRemove(conversation, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }

        if (Count <= Capacity * 3 / 4)
        {
            return;
        }

        var ages = _pins.Values.Select(p => Volatile.Read(ref p.LastUsed)).ToList();
        if (ages.Count == 0)
        {
            return;
        }

        ages.Sort();
        var cutoff = ages[ages.Count / 4];
        foreach (var (conversation, pin) in _pins)
        {
            if (Volatile.Read(ref pin.LastUsed) <= cutoff && _pins.TryRemove(conversation, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }
}
