namespace ClaudeProxy.Upstreams.Responses;

/// <summary>
/// The Responses URL of a channel: <c>{baseUrl}/responses</c>, with <c>/v1</c> added when the base URL
/// names no version; a base URL that already ends in <c>/responses</c> is used as it is, and a trailing
/// <c>#</c> means "add no version".
/// </summary>
public static class ResponsesUrl
{
    public static Uri Build(string baseUrl)
    {
        var (root, _) = BaseUrls.Split(baseUrl);
        return root.EndsWith("/responses", StringComparison.OrdinalIgnoreCase)
            ? new Uri(root, UriKind.Absolute)
            : new Uri(BaseUrls.Versioned(baseUrl, "/v1") + "/responses", UriKind.Absolute);
    }
}
