namespace ClaudeProxy.Upstreams.OpenAI;

/// <summary>
/// The Chat Completions URL of an OpenAI-compatible channel: <c>{baseUrl}/chat/completions</c>, with
/// <c>/v1</c> added when the base URL names no version (<c>…/v1</c>, <c>…/v4</c>, <c>…/api/v3</c>);
/// a base URL that already ends in <c>/chat/completions</c> is used as it is, and a trailing <c>#</c>
/// means "add no version".
/// </summary>
public static class ChatCompletionsUrl
{
    public static Uri Build(string baseUrl)
    {
        var (root, _) = BaseUrls.Split(baseUrl);
        return root.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase)
            ? new Uri(root, UriKind.Absolute)
            : new Uri(BaseUrls.Versioned(baseUrl, "/v1") + "/chat/completions", UriKind.Absolute);
    }
}
