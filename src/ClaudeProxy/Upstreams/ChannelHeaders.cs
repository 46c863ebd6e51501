namespace ClaudeProxy.Upstreams;

/// <summary>
/// A channel's <c>headers</c> (see <see cref="Configuration.ChannelHeaderRules"/>) on its upstream requests:
/// added, or put in place of what the gateway set (a relay that accepts only Claude Code's <c>User-Agent</c>, say).
/// </summary>
public static class ChannelHeaders
{
    /// <summary>Puts the channel's headers on an upstream request, each in place of any the gateway set.</summary>
    public static void Apply(HttpRequestMessage message, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (name, value) in headers)
        {
            message.Headers.Remove(name);
            message.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
