namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>What a channel says about its Chat Completions upstream.</summary>
public sealed record ChatRequestOptions
{
    /// <summary>The upstream model name (after the channel's mapping).</summary>
    public required string Model { get; init; }

    /// <summary>OpenAI proper wants <c>max_completion_tokens</c>; older compatible servers (<c>openaiold</c>) want <c>max_tokens</c>.</summary>
    public bool UseMaxCompletionTokens { get; init; } = true;

    /// <summary>The most output tokens the upstream model allows; larger requests are clamped (and logged).</summary>
    public int? MaxTokensCap { get; init; }

    public ReasoningStyle Reasoning { get; init; }

    /// <summary>Keep mid-conversation system messages where they are, as system messages (for servers that accept them); wins over <see cref="FoldSystemMessages"/>.</summary>
    public bool SystemMessagesInPlace { get; init; }

    /// <summary>
    /// Append mid-conversation system messages to the leading system message, for servers that take
    /// nothing else. Off (the default), they stay at their place as a tagged note in the adjacent user turn
    /// (see <see cref="SystemNote"/>), so the prompt's start is the same on every turn and prefix caches hit.
    /// </summary>
    public bool FoldSystemMessages { get; init; }

    /// <summary>Send <c>metadata.user_id</c> as <c>user</c> (its SHA-256 hex, since OpenAI rejects more than 64 characters).</summary>
    public bool ForwardUserId { get; init; } = true;
}
