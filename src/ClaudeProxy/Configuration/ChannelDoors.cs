namespace ClaudeProxy.Configuration;

/// <summary>Which client doors a channel serves, from its <c>doors</c> list or, without one, from the file list it is kept in.</summary>
public static class ChannelDoors
{
    /// <summary>
    /// The channel's own <c>doors</c> when it names any; else its list's door for a channel of <c>responsesUpstream</c>
    /// or <c>geminiUpstream</c> (claude-proxy served those through that door alone); else every door except those the
    /// file keeps a non-empty list of their own for — a migrated file's Codex traffic stays on its Responses channels.
    /// </summary>
    public static IReadOnlySet<string> Of(ProxyConfig config, ChannelConfig channel)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.Doors is { Count: > 0 } doors)
        {
            return doors.ToHashSet(StringComparer.Ordinal);
        }

        if (ClientDoor.OwnedBy(channel.List) is { } own)
        {
            return new HashSet<string>([own], StringComparer.Ordinal);
        }

        var served = ClientDoor.All.ToHashSet(StringComparer.Ordinal);
        if (config.ResponsesUpstream is { Count: > 0 })
        {
            served.Remove(ClientDoor.Responses);
        }

        if (config.GeminiUpstream is { Count: > 0 })
        {
            served.Remove(ClientDoor.Gemini);
        }

        return served;
    }
}
