namespace ClaudeProxy.Security;

/// <summary>Where clients put the key: <c>x-api-key</c> (Anthropic style) or <c>Authorization: Bearer</c> (the SDKs' auth-token style).</summary>
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

        return [];
    }
}
