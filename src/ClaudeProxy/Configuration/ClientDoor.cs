namespace ClaudeProxy.Configuration;

/// <summary>The client protocols a channel can be reached through, by their names in a channel's <c>doors</c> list.</summary>
public static class ClientDoor
{
    /// <summary>Anthropic Messages (<c>/v1/messages</c>, count_tokens, models).</summary>
    public const string Messages = "messages";
    /// <summary>OpenAI Chat Completions (<c>/v1/chat/completions</c>).</summary>
    public const string Chat = "chat";
    /// <summary>OpenAI Responses (<c>/v1/responses</c>).</summary>
    public const string Responses = "responses";
    /// <summary>Gemini native (<c>/v1beta/models/…</c>).</summary>
    public const string Gemini = "gemini";

    public static readonly IReadOnlyList<string> All = [Messages, Chat, Responses, Gemini];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value);

    /// <summary>The door a channel list of claude-proxy's served alone; null for <c>upstream</c>, which serves every door without a list of its own.</summary>
    public static string? OwnedBy(ChannelList list) => list switch
    {
        ChannelList.Responses => Responses,
        ChannelList.Gemini => Gemini,
        _ => null,
    };
}
