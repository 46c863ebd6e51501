namespace ClaudeProxy.Panel.Channels;

/// <summary>What <see cref="QuickAddParser"/> found in pasted text; any part may be missing.</summary>
public sealed record QuickAddResult(string? BaseUrl, IReadOnlyList<string> Keys, string ServiceType, string? Name)
{
    public bool FoundAnything => BaseUrl is not null || Keys.Count > 0;
}

/// <summary>
/// Reads pasted text (a provider's console snippet, an .env file, a chat message) for a base URL and API
/// keys. Keys are recognised by their vendor prefixes; the service type comes from the URL's host, else
/// from the first key's prefix, else it is openai (the most common compatible API).
/// </summary>
public static class QuickAddParser
{
    private static readonly (string Host, string ServiceType)[] KnownHosts =
    [
        ("api.anthropic.com", "claude"),
        ("api.openai.com", "openai"),
        ("generativelanguage.googleapis.com", "gemini"),
    ];

    private static readonly Dictionary<string, string> DefaultBaseUrls = new(StringComparer.Ordinal)
    {
        ["claude"] = "https://api.anthropic.com",
        ["openai"] = "https://api.openai.com",
        ["gemini"] = "https://generativelanguage.googleapis.com",
    };

    public static QuickAddResult Parse(string? text)
    {
        text ??= "";
        var urls = UrlScanner.FindAll(text);
        var url = urls.Count > 0 ? Clean(text[urls[0]]) : null;
        // URLs go first so a key-like path segment (…/sk-test/…) is not read as a key.
        var keys = KeyScanner.FindAll(UrlScanner.RemoveAll(text, urls)).Distinct(StringComparer.Ordinal).ToList();
        var serviceType = FromHost(url) ?? (keys.Count > 0 ? FromKey(keys[0]) : null) ?? "openai";
        url ??= keys.Count > 0 ? DefaultBaseUrls.GetValueOrDefault(serviceType) : null;
        return new QuickAddResult(url, keys, serviceType, url is null ? null : NameOf(url));
    }

    /// <summary>The service type a key's prefix stands for, or null for an unknown prefix.</summary>
    public static string? FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith("sk-ant-", StringComparison.Ordinal))
        {
            return "claude";
        }

        if (key.StartsWith("AIza", StringComparison.Ordinal))
        {
            return "gemini";
        }

        return key.StartsWith("sk-", StringComparison.Ordinal) ? "openai" : null;
    }

    private static string? FromHost(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return KnownHosts.FirstOrDefault(h => string.Equals(uri.Host, h.Host, StringComparison.OrdinalIgnoreCase)).ServiceType;
    }

    private static string Clean(string url) => url.TrimEnd('.', ',', ';', ')', ']', '}', '"', '\'', '/');

    private static string NameOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host : url;
}
