namespace ClaudeProxy.Security;

/// <summary>
/// Where clients put the key: <c>x-api-key</c> (Anthropic style), <c>Authorization: Bearer</c> (the SDKs'
/// auth-token style), <c>x-goog-api-key</c> (Google's), and on the Gemini API's paths only, the
/// <c>key</c> query parameter Google's API also takes.
/// </summary>
public static class PresentedKey
{
    public static ReadOnlySpan<char> From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue("x-api-key", out var apiKey) && apiKey.Count > 0 && !string.IsNullOrEmpty(apiKey[0]))
        {
            return apiKey[0].AsSpan().Trim();
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count > 0 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return value.AsSpan(7).Trim();
        }

        if (request.Headers.TryGetValue("x-goog-api-key", out var googleKey) && googleKey.Count > 0 && !string.IsNullOrEmpty(googleKey[0]))
        {
            return googleKey[0].AsSpan().Trim();
        }

        if (request.Path.StartsWithSegments(Hosting.ClientProtocols.GeminiPrefix, StringComparison.OrdinalIgnoreCase)
            && request.Query.TryGetValue("key", out var queryKey) && queryKey.Count > 0 && !string.IsNullOrEmpty(queryKey[0]))
        {
            return queryKey[0].AsSpan().Trim();
        }

        return [];
    }
}
