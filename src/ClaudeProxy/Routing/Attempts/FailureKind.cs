namespace ClaudeProxy.Routing.Attempts;

/// <summary>What went wrong with an attempt; decides whether the next key or channel is tried.</summary>
public enum FailureKind
{
    /// <summary>The attempt succeeded.</summary>
    None,

    /// <summary>The key was refused (401/403).</summary>
    Auth,

    /// <summary>The account is out of credit or quota.</summary>
    Quota,

    /// <summary>Too many requests (429).</summary>
    RateLimit,

    /// <summary>The upstream failed in a way another try may not (408, 5xx, 529).</summary>
    Transient,

    /// <summary>The connection failed or was reset.</summary>
    Network,

    /// <summary>The upstream did not answer in time.</summary>
    Timeout,

    /// <summary>The request itself is wrong (other 4xx): returned at once, the key stays healthy.</summary>
    Client,
}
