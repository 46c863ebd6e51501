namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>What a response translation needs from its request: the model the client asked for and the tool names to restore.</summary>
public sealed record ChatResponseContext(string RequestedModel, ToolNameMap ToolNames)
{
    public string MessageId { get; init; } = ToolUseIds.NewMessageId();

    /// <summary>Problems worth a log line (unparseable tool arguments, missing usage, …).</summary>
    public List<string> Notes { get; } = [];
}
