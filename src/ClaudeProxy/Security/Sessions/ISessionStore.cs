namespace ClaudeProxy.Security.Sessions;

/// <summary>
/// The web panel's login sessions, each named by a random token that only the browser holds (in the
/// session cookie). Behind an interface so the in-process table can later be swapped for a shared one.
/// </summary>
public interface ISessionStore
{
    /// <summary>Starts a session; the ticket's token is the cookie value and is not kept in clear.</summary>
    SessionTicket Create();

    /// <summary>When the live session <paramref name="token"/> names expires; null when there is none (unknown, ended or expired).</summary>
    DateTimeOffset? ExpiryOf(string token);

    /// <summary>Ends the session <paramref name="token"/> names, if any, at once.</summary>
    void Remove(string token);
}
