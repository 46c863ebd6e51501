namespace ClaudeProxy.Configuration;

/// <summary>
/// Which of the file's channel lists a channel is kept in. claude-proxy kept one list per client
/// door (<c>upstream</c> for Messages, <c>responsesUpstream</c>, <c>geminiUpstream</c>); the gateway
/// routes them as one, and writes each channel back to the list it came from.
/// </summary>
public enum ChannelList
{
    Messages,
    Responses,
    Gemini,
}

public static class ChannelLists
{
    /// <summary>The list's name in the file.</summary>
    public static string FileName(this ChannelList list) => list switch
    {
        ChannelList.Responses => "responsesUpstream",
        ChannelList.Gemini => "geminiUpstream",
        _ => "upstream",
    };
}
