namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// The upstream URLs of a <c>claude</c> channel. <c>baseUrl</c> may end with or without <c>/v1</c>;
/// a trailing <c>#</c> (claude-proxy's convention) means "use as is, add no version".
/// </summary>
public sealed class ClaudeUrl
{
    private readonly string _root;
    private readonly bool _baseNamesVersion;

    public ClaudeUrl(string baseUrl)
    {
        var (root, verbatim) = BaseUrls.Split(baseUrl);
        _root = root;
        _baseNamesVersion = verbatim || BaseUrls.EndsWithVersion(root);
    }

    /// <summary>The upstream URL for a client path such as <c>/v1/messages?beta=true</c>.</summary>
    public Uri For(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        // When the base already names the version, ours is dropped.
        var path = _baseNamesVersion && pathAndQuery.StartsWith("/v1/", StringComparison.Ordinal) ? pathAndQuery[3..] : pathAndQuery;
        return new Uri(_root + path, UriKind.Absolute);
    }
}
