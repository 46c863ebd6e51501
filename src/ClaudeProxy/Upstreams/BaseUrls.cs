namespace ClaudeProxy.Upstreams;

/// <summary>Reading a channel's <c>baseUrl</c> the way every service type needs it.</summary>
public static class BaseUrls
{
    /// <summary>The base without trailing slashes or the <c>#</c> marker, and whether it was marked "use as is" with <c>#</c>.</summary>
    public static (string Root, bool Verbatim) Split(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return (baseUrl.TrimEnd('#').TrimEnd('/'), baseUrl.EndsWith('#'));
    }

    /// <summary>
    /// The base URL to append an API path to: the root as it is when it names a version (or is marked
    /// <c>#</c>), else the root plus <paramref name="defaultVersion"/> (e.g. <c>/v1</c>).
    /// </summary>
    public static string Versioned(string baseUrl, string defaultVersion)
    {
        var (root, verbatim) = Split(baseUrl);
        return verbatim || EndsWithVersion(root) ? root : root + defaultVersion;
    }

    /// <summary>True when the last path segment names an API version (<c>v1</c>, <c>v1beta</c>, <c>v4</c>).</summary>
    public static bool EndsWithVersion(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var slash = root.LastIndexOf('/');
        var last = root.AsSpan(slash + 1);
        return last.Length >= 2 && (last[0] == 'v' || last[0] == 'V') && char.IsAsciiDigit(last[1]);
    }
}
