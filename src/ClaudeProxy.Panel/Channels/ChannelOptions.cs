namespace ClaudeProxy.Panel.Channels;

/// <summary>
/// The per-channel options of the dialog's "more options" section: their allowed values and the service
/// types each one means something for, as the gateway's README documents them.
/// </summary>
public static class ChannelOptions
{
    /// <summary>The client doors a channel can serve; a channel without a <c>doors</c> list serves every one.</summary>
    public static readonly IReadOnlyList<string> Doors = ["messages", "chat", "responses", "gemini"];

    /// <summary>How a <c>claude</c> channel sends its key; the first is the default.</summary>
    public static readonly IReadOnlyList<string> AuthStyles = ["auto", "x-api-key", "bearer"];

    /// <summary>The key strategies a channel can choose instead of the global one.</summary>
    public static readonly IReadOnlyList<string> KeyStrategies = ["sticky", "failover", "round-robin", "random"];

    /// <summary>The reasoning controls a channel of <paramref name="serviceType"/> can use, <c>none</c> (the default) first; none for <c>claude</c>.</summary>
    public static IReadOnlyList<string> Reasoning(string? serviceType) => serviceType switch
    {
        "openai" or "openaiold" => ["none", "openai", "deepseek"],
        "responses" => ["none", "openai"],
        "gemini" => ["none", "gemini-budget", "gemini-level"],
        _ => [],
    };

    /// <summary><c>maxTokens</c>, <c>reasoning</c> and <c>foldSystemMessages</c>: every channel whose requests are translated (all but <c>claude</c>).</summary>
    public static bool Translates(string? serviceType) => serviceType is "openai" or "openaiold" or "responses" or "gemini";

    /// <summary><c>systemMessagesInPlace</c>: Chat Completions upstreams, the only ones with system messages mid-conversation.</summary>
    public static bool KeepsSystemMessagesInPlace(string? serviceType) => serviceType is "openai" or "openaiold";

    /// <summary><c>forwardUserId</c>: upstreams with a <c>user</c> field.</summary>
    public static bool ForwardsUserId(string? serviceType) => serviceType is "openai" or "openaiold" or "responses";

    /// <summary><c>injectDummyThoughtSignature</c>, <c>stripThoughtSignature</c>.</summary>
    public static bool HasThoughtSignatures(string? serviceType) => serviceType is "gemini";

    /// <summary><c>authStyle</c>.</summary>
    public static bool HasAuthStyle(string? serviceType) => serviceType is "claude";
}
