using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ClaudeProxy.Routing.Affinity;

/// <summary>Where a conversation was last sent: its channel and the hash of its key.</summary>
public sealed class ConversationPin(string channelId, ulong keyHash, long lastUsed)
{
    public string ChannelId { get; } = channelId;

    public ulong KeyHash { get; } = keyHash;

    internal long LastUsed = lastUsed;

    public bool SameTarget(string channelId, ulong keyHash) => KeyHash == keyHash && ChannelId == channelId;
}

/// <summary>
/// Remembers where each conversation was last sent, so that a conversation that moved (its key rested or
/// failed) stays where it moved to and keeps that key's prompt cache, instead of going back to its first
/// choice when that recovers; and counts the live conversations of each key, so new ones can go where
/// few are. Idle pins expire; the table is bounded. Conversations are held by hash only.
/// </summary>
public sealed class ConversationPins(TimeProvider timeProvider)
{
    /// <summary>Longer than any upstream's prompt cache lives without a hit (Anthropic's longest is an hour).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(1);

    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<ulong, ConversationPin> _pins = new();
    private readonly ConcurrentDictionary<(string ChannelId, ulong KeyHash), StrongBox<int>> _load = new();
    private long _lastSweep = timeProvider.GetTimestamp();
    private int _count;
    private int _sweeping;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The conversation's pin, unless it has been idle longer than <see cref="IdleLifetime"/>.</summary>
    public ConversationPin? Find(ulong conversation)
    {
        if (!_pins.TryGetValue(conversation, out var pin))
        {
            return null;
        }

        if (Expired(pin, timeProvider.GetTimestamp()))
        {
            Remove(conversation, pin);
            return null;
        }

        return pin;
    }

    /// <summary>How many live conversations are pinned to this key of this channel.</summary>
    public int Load(string channelId, ulong keyHash) =>
        _load.TryGetValue((channelId, keyHash), out var load) ? Volatile.Read(ref load.Value) : 0;

    /// <summary>The conversation goes to this channel and key: pin it there (or keep its pin fresh).</summary>
    public void Record(ulong conversation, string channelId, ulong keyHash)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        var now = timeProvider.GetTimestamp();
        while (true)
        {
            if (_pins.TryGetValue(conversation, out var old))
            {
                if (old.SameTarget(channelId, keyHash))
                {
                    Volatile.Write(ref old.LastUsed, now);
                    return;
                }

                var moved = new ConversationPin(channelId, keyHash, now);
                if (_pins.TryUpdate(conversation, moved, old))
                {
                    AddLoad(old, -1);
                    AddLoad(moved, +1);
                    return;
                }
            }
            else
            {
                var fresh = new ConversationPin(channelId, keyHash, now);
                if (_pins.TryAdd(conversation, fresh))
                {
                    AddLoad(fresh, +1);
                    var count = Interlocked.Increment(ref _count);
                    if (count > Capacity || timeProvider.GetElapsedTime(Volatile.Read(ref _lastSweep), now) > IdleLifetime / 4)
                    {
                        Sweep(now);
                    }

                    return;
                }
            }
        }
    }

    private void AddLoad(ConversationPin pin, int delta) =>
        Interlocked.Add(ref _load.GetOrAdd((pin.ChannelId, pin.KeyHash), static _ => new StrongBox<int>()).Value, delta);

    private bool Expired(ConversationPin pin, long now) =>
        timeProvider.GetElapsedTime(Volatile.Read(ref pin.LastUsed), now) > IdleLifetime;

    private void Remove(ulong conversation, ConversationPin pin)
    {
        if (_pins.TryRemove(new KeyValuePair<ulong, ConversationPin>(conversation, pin)))
        {
            AddLoad(pin, -1);
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>
    /// Drops expired pins (now and then, so idle conversations stop counting as load); if the table is
    /// still over capacity, the oldest quarter goes (those conversations fall back to a fresh choice).
    /// </summary>
    private void Sweep(long now)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _lastSweep, now);
            foreach (var (conversation, pin) in _pins)
            {
                if (Expired(pin, now))
                {
                    Remove(conversation, pin);
                }
            }

            if (Count <= Capacity)
            {
                return;
            }

            var ages = _pins.Values.Select(p => Volatile.Read(ref p.LastUsed)).ToList();
            ages.Sort();
            var cutoff = ages[ages.Count / 4];
            foreach (var (conversation, pin) in _pins)
            {
                if (Volatile.Read(ref pin.LastUsed) <= cutoff)
                {
                    Remove(conversation, pin);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
