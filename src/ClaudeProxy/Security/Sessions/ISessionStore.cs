namespace ClaudeProxy.Security.Sessions;

/// <summary>
/// The web panel's login sessions, each named by a random token that only the browser holds (in the
/// session cookie). Asynchronous because with REDIS_URL the sessions are shared by every instance
/// (the fleet's <c>RedisSessionStore</c>); the in-process table answers at once.
/// </summary>
public interface ISessionStore
{
    /// <summary>Starts a session; the ticket's token is the cookie value and is not kept in clear.</summary>
    ValueTask<SessionTicket> CreateAsync();

    /// <summary>When the live session <paramref name="token"/> names expires; null when there is none (unknown, ended or expired).</summary>
    ValueTask<DateTimeOffset?> ExpiryOfAsync(string token);

    /// <summary>Ends the session <paramref name="token"/> names, if any, at once.</summary>
    ValueTask RemoveAsync(string token);
}
