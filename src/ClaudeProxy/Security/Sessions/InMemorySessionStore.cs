using System.Security.Cryptography;
using System.Text;

namespace ClaudeProxy.Security.Sessions;

/// <summary>
/// Sessions in this process's memory. The table holds SHA-256 hashes of the tokens, so a dump of it
/// yields no usable cookie. Because nothing outlives the process, a restart (with a changed
/// ADMIN_ACCESS_KEY or not) ends every session: a key change always logs every panel out.
/// Expired sessions are dropped when looked up and in a sweep at most once a minute; at most
/// <see cref="MaxSessions"/> live at once (only the admin key can create them), the one expiring
/// soonest making room for a new one.
/// </summary>
public sealed class InMemorySessionStore(TimeSpan ttl, TimeProvider timeProvider, int maxSessions = InMemorySessionStore.DefaultMaxSessions) : ISessionStore
{
    public const int DefaultMaxSessions = 1_000;

    /// <summary>43 base62 characters: 256 bits of randomness.</summary>
    public const int TokenLength = 43;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public TimeSpan Ttl => ttl;

    public int MaxSessions => maxSessions;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _expiries.Count;
            }
        }
    }

    /// <summary>The SHA-256 of a token, as sessions are kept (here and in a shared store), in upper-case hex.</summary>
    public static string HashOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    public SessionTicket Create()
    {
        var token = RandomTokens.Base62String(TokenLength);
        var expiresAt = timeProvider.GetUtcNow() + ttl;
        Adopt(HashOf(token), expiresAt);
        return new SessionTicket(token, expiresAt);
    }

    /// <summary>Keeps a session by its token's hash (one made here, or one another instance made), within the bound.</summary>
    public void Adopt(string hash, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            SweepIfDue(now);
            if (_expiries.Count >= maxSessions)
            {
                Sweep(now);
            }

            if (_expiries.Count >= maxSessions && !_expiries.ContainsKey(hash))
            {
                _expiries.Remove(_expiries.MinBy(p => p.Value).Key);
            }

            _expiries[hash] = expiresAt;
        }
    }

    public DateTimeOffset? ExpiryOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length != TokenLength)
        {
            return null;
        }

        var hash = HashOf(token);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            SweepIfDue(now);
            if (!_expiries.TryGetValue(hash, out var expiresAt))
            {
                return null;
            }

            if (expiresAt <= now)
            {
                _expiries.Remove(hash);
                return null;
            }

            return expiresAt;
        }
    }

    public void Remove(string token) => Forget(HashOf(token));

    /// <summary>Drops the session a token's hash names, if it is kept here.</summary>
    public void Forget(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        lock (_lock)
        {
            _expiries.Remove(hash);
        }
    }

    ValueTask<SessionTicket> ISessionStore.CreateAsync() => ValueTask.FromResult(Create());

    ValueTask<DateTimeOffset?> ISessionStore.ExpiryOfAsync(string token) => ValueTask.FromResult(ExpiryOf(token));

    ValueTask ISessionStore.RemoveAsync(string token)
    {
        Remove(token);
        return ValueTask.CompletedTask;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now - _lastSweep >= SweepInterval)
        {
            Sweep(now);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        _lastSweep = now;
        foreach (var hash in _expiries.Where(p => p.Value <= now).Select(p => p.Key).ToList())
        {
            _expiries.Remove(hash);
        }
    }
}
