using System.Buffers;

namespace ClaudeProxy.Configuration;

/// <summary>
/// What a channel's <c>headers</c> may hold: any request header but the credentials — the gateway sets
/// those from the channel's keys — and the headers that frame the HTTP message.
/// </summary>
public static class ChannelHeaderRules
{
    private static readonly HashSet<string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        // Credentials: the channel's keys decide them.
        "authorization", "proxy-authorization", "x-api-key", "x-goog-api-key", "api-key",
        // The message's framing, set by the HTTP client.
        "host", "content-length", "content-type", "content-encoding", "transfer-encoding", "connection", "keep-alive", "te", "trailer", "upgrade", "expect",
    };

    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Why a header cannot be set on a channel, or null when it can.</summary>
    public static string? Problem(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(TokenCharacters))
        {
            return $"'{name}' is not a header name";
        }

        if (Refused.Contains(name))
        {
            return $"'{name}' cannot be set here: credentials come from the channel's keys, and the HTTP client frames the message";
        }

        return value.AsSpan().ContainsAny('\r', '\n', '\0') ? $"'{name}': the value must be one line" : null;
    }
}
