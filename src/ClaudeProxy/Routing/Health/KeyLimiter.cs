using System.Collections.Concurrent;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Routing.Health;

/// <summary>
/// The per-key caps a channel may set for a plan whose limits are known: <c>maxConcurrency</c>
/// requests in flight and <c>rpm</c> requests started in any 60 seconds. Every attempt holds a
/// <see cref="KeyLease"/> until the forwarder is done with it, so the admin API can show what is in
/// flight whether a channel is capped or not. State is in memory, per channel id and key; with several instances,
/// a capped key's slots are also taken from the fleet's shared count (<see cref="ISharedKeyCaps"/>).
/// </summary>
public sealed class KeyLimiter(TimeProvider timeProvider, ISharedKeyCaps? shared = null)
{
    public static readonly TimeSpan RpmWindow = TimeSpan.FromMinutes(1);

    public const string ConcurrencyCap = "maxConcurrency";
    public const string RpmCap = "rpm";

    private readonly ConcurrentDictionary<(string Channel, string Key), KeyUse> _keys = new();

    /// <summary>Whether the key may take one more request now; changes nothing.</summary>
    public bool HasRoom(ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.MaxConcurrency is null && channel.Rpm is null)
        {
            return true;
        }

        if (!_keys.TryGetValue((channel.Id ?? "", apiKey), out var use))
        {
            return true;
        }

        lock (use.Gate)
        {
            return use.CappedBy(channel, timeProvider.GetTimestamp(), timeProvider) is null;
        }
    }

    /// <summary>
    /// Counts a request on the key and returns its lease, or null when the key is at a cap. Checking
    /// and counting are one step, so two requests never both take a key's last slot.
    /// </summary>
    public KeyLease? TryAcquire(ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var use = _keys.GetOrAdd((channel.Id ?? "", apiKey), static _ => new KeyUse());
        var now = timeProvider.GetTimestamp();
        lock (use.Gate)
        {
            if (use.CappedBy(channel, now, timeProvider) is not null)
            {
                return null;
            }

            use.InFlight++;
            if (channel.Rpm is { } rpm)
            {
                use.Started(now, rpm);
            }
        }

        return new KeyLease(use);
    }

    /// <summary>
    /// As <see cref="TryAcquire"/>, and for a capped key also within the whole fleet's count when instances share one:
    /// null when this instance or the fleet together is at a cap. An uncapped key, or a single instance, never waits.
    /// </summary>
    public ValueTask<KeyLease?> TryAcquireAsync(ChannelConfig channel, string apiKey)
    {
        var lease = TryAcquire(channel, apiKey);
        return lease is null || shared is null || (channel.MaxConcurrency is null && channel.Rpm is null)
            ? ValueTask.FromResult(lease)
            : TakeSharedAsync(channel, apiKey, lease);
    }

    private async ValueTask<KeyLease?> TakeSharedAsync(ChannelConfig channel, string apiKey, KeyLease lease)
    {
        SharedCapHold hold;
        try
        {
            hold = await shared!.TryTakeAsync(channel, apiKey).ConfigureAwait(false);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        if (hold.Decision == SharedCapDecision.Refused)
        {
            lease.Dispose();
            return null;
        }

        lease.Hold(hold.Slot);
        return lease;
    }

    /// <summary>The requests in flight on every key, whatever config they came from: this instance's upstream load.</summary>
    public int InFlight
    {
        get
        {
            var total = 0;
            foreach (var (_, use) in _keys)
            {
                total += Volatile.Read(ref use.InFlight);
            }

            return total;
        }
    }

    /// <summary>The key's requests in flight, and which cap it is at (null when it has room).</summary>
    public (int InFlight, string? CappedBy) Usage(ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!_keys.TryGetValue((channel.Id ?? "", apiKey), out var use))
        {
            return (0, null);
        }

        lock (use.Gate)
        {
            return (use.InFlight, use.CappedBy(channel, timeProvider.GetTimestamp(), timeProvider));
        }
    }

    internal sealed class KeyUse
    {
        public readonly Lock Gate = new();

        public int InFlight;

        // Start timestamps of the last minute, oldest at _head; sized by the channel's rpm (at most rpm are ever needed).
        private long[] _starts = [];
        private int _head;
        private int _count;

        public string? CappedBy(ChannelConfig channel, long now, TimeProvider time)
        {
            if (channel.MaxConcurrency is { } concurrency && InFlight >= concurrency)
            {
                return ConcurrencyCap;
            }

            if (channel.Rpm is { } rpm)
            {
                while (_count > 0 && time.GetElapsedTime(_starts[_head], now) >= RpmWindow)
                {
                    _head = (_head + 1) % _starts.Length;
                    _count--;
                }

                if (_count >= rpm)
                {
                    return RpmCap;
                }
            }

            return null;
        }

        /// <summary>Records a start; the caller has checked there is room.</summary>
        public void Started(long now, int rpm)
        {
            if (_starts.Length != rpm)
            {
                Resize(rpm);
            }

            if (_count == _starts.Length)
            {
                // Defensive: a full window means the caller skipped the check; drop the oldest start rather than overrun.
                _head = (_head + 1) % _starts.Length;
                _count--;
            }

            _starts[(_head + _count) % _starts.Length] = now;
            _count++;
        }

        /// <summary>The channel's rpm changed: keep the newest starts that fit.</summary>
        private void Resize(int rpm)
        {
            var starts = new long[rpm];
            var keep = Math.Min(_count, rpm);
            for (var i = 0; i < keep; i++)
            {
                starts[i] = _starts[(_head + _count - keep + i) % _starts.Length];
            }

            _starts = starts;
            _head = 0;
            _count = keep;
        }
    }
}

/// <summary>One attempt's hold on a key: disposing it (once, whatever ended the attempt) frees its slot, here and in the fleet.</summary>
public sealed class KeyLease : IDisposable
{
    private KeyLimiter.KeyUse? _use;
    private IDisposable? _sharedSlot;

    internal KeyLease(KeyLimiter.KeyUse use) => _use = use;

    internal void Hold(IDisposable? sharedSlot) => _sharedSlot = sharedSlot;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _use, null) is { } use)
        {
            lock (use.Gate)
            {
                use.InFlight--;
            }

            _sharedSlot?.Dispose();
        }
    }
}
