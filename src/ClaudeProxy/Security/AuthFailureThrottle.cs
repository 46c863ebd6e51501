using System.Net;

namespace ClaudeProxy.Security;

/// <summary>
/// Counts failed access-key checks per client address. <see cref="Limit"/> failures within a minute
/// lock the address out for <see cref="Lockout"/>. Memory stays bounded under many addresses: at most
/// <see cref="MaxTrackedAddresses"/> are tracked, each holding at most <see cref="Limit"/> timestamps;
/// when full, expired entries go first, then addresses that are not locked out. Time comes from the
/// <see cref="TimeProvider"/>.
/// <para>
/// With REDIS_URL, <see cref="Counted"/> tells the fleet's <c>SharedAuthFailures</c> of each failure, which counts
/// them across the fleet and brings a lockout reached anywhere back through <see cref="ApplyLockout"/>; the checks
/// themselves only ever read this table.
/// </para>
/// </summary>
public sealed class AuthFailureThrottle(int limit, TimeSpan lockout, TimeProvider timeProvider, int maxTrackedAddresses = AuthFailureThrottle.DefaultMaxTrackedAddresses)
{
    public const int DefaultMaxTrackedAddresses = 10_000;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Raised (outside the lock) for each failure counted.</summary>
    public event Action<AuthFailure>? Counted;

    public int Limit => limit;

    public TimeSpan Lockout => lockout;

    public int MaxTrackedAddresses => maxTrackedAddresses;

    public bool Enabled => limit > 0;

    public int TrackedAddressCount
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How the address is tracked: IPv4 clients seen over IPv6 count as their IPv4 address.</summary>
    public static string AddressOf(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>How long <paramref name="address"/> stays locked out; null when it is not.</summary>
    public TimeSpan? LockedFor(string address)
    {
        if (!Enabled)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            return _entries.TryGetValue(address, out var entry) && entry.LockedUntil > now ? entry.LockedUntil - now : null;
        }
    }

    /// <summary>Counts one failed check; true when it is the one that locks the address out.</summary>
    public bool RecordFailure(string address)
    {
        if (!Enabled)
        {
            return false;
        }

        var failure = Count(address, timeProvider.GetUtcNow());
        if (failure is not null)
        {
            Counted?.Invoke(failure);
        }

        return failure?.LockedUntil is not null;
    }

    /// <summary>
    /// Locks <paramref name="address"/> out until <paramref name="until"/> (a lockout reached on another instance);
    /// true when that makes or extends a lockout here.
    /// </summary>
    public bool ApplyLockout(string address, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(address);
        var now = timeProvider.GetUtcNow();
        if (!Enabled || until <= now)
        {
            return false;
        }

        lock (_lock)
        {
            if (!_entries.TryGetValue(address, out var entry))
            {
                if (_entries.Count >= maxTrackedAddresses && !MakeRoom(now))
                {
                    return false;
                }

                entry = new Entry();
                _entries[address] = entry;
            }

            if (entry.LockedUntil >= until)
            {
                return false;
            }

            entry.Failures.Clear();
            entry.LockedUntil = until;
            return true;
        }
    }

    private AuthFailure? Count(string address, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(address, out var entry))
            {
                if (_entries.Count >= maxTrackedAddresses && !MakeRoom(now))
                {
                    // Every tracked address is locked out: a newcomer is not tracked rather than one of them freed.
                    return null;
                }

                entry = new Entry();
                _entries[address] = entry;
            }

            if (entry.LockedUntil > now)
            {
                return null;
            }

            while (entry.Failures.Count > 0 && now - entry.Failures.Peek() >= Window)
            {
                entry.Failures.Dequeue();
            }

            entry.Failures.Enqueue(now);
            if (entry.Failures.Count < limit)
            {
                return new AuthFailure(address, null);
            }

            entry.Failures.Clear();
            entry.LockedUntil = now + lockout;
            return new AuthFailure(address, entry.LockedUntil);
        }
    }

    private bool MakeRoom(DateTimeOffset now)
    {
        RemoveWhere(e => e.LockedUntil <= now && (e.Failures.Count == 0 || now - e.Failures.Last() >= Window));
        if (_entries.Count >= maxTrackedAddresses)
        {
            RemoveWhere(e => e.LockedUntil <= now);
        }

        return _entries.Count < maxTrackedAddresses;
    }

    private void RemoveWhere(Func<Entry, bool> predicate)
    {
        foreach (var address in _entries.Where(p => predicate(p.Value)).Select(p => p.Key).ToList())
        {
            _entries.Remove(address);
        }
    }

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset LockedUntil { get; set; }
    }
}
