namespace ClaudeProxy.Security;

/// <summary>
/// Which key opens which door. The proxy key always opens <c>/v1</c>. The admin surface (<c>/api</c>,
/// <c>/admin</c>, the panel's API) is opened by the admin key when one is set (ADMIN_ACCESS_KEY), so a
/// key handed to Claude Code cannot change channels or read the config; without one, the proxy key
/// opens both, as claude-proxy's single PROXY_ACCESS_KEY did.
/// </summary>
public sealed record GatewayKeys(AccessKey Proxy, AccessKey? Admin)
{
    /// <summary>True when the admin surface has a key of its own.</summary>
    public bool AdminIsSeparate => Admin is not null;

    /// <summary>The key that opens the admin surface.</summary>
    public AccessKey ForAdmin => Admin ?? Proxy;

    /// <summary>The values of both keys, for masking them wherever they might be echoed.</summary>
    public IReadOnlyCollection<string> All => Admin is { } admin ? [Proxy.Value, admin.Value] : [Proxy.Value];
}
