namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// The upstream URL for a client path on a <c>claude</c> channel. <c>baseUrl</c> may end with or
/// without <c>/v1</c>; a trailing <c>#</c> (claude-proxy's convention) means "use as is, add no version".
/// </summary>
public static class ClaudeUrl
{
    public static Uri Build(string baseUrl, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var (root, verbatim) = BaseUrls.Split(baseUrl);
        var path = pathAndQuery;
        if (verbatim || BaseUrls.EndsWithVersion(root))
        {
            // The base already names the version: drop ours.
            path = path.StartsWith("/v1/", StringComparison.Ordinal) ? path[3..] : path;
        }

        return new Uri(root + path, UriKind.Absolute);
    }
}
