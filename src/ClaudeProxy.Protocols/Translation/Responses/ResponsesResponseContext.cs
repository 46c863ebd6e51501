namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>What a response translation needs from its request: the model the client asked for and the tool names to restore.</summary>
public sealed record ResponsesResponseContext(string RequestedModel, ToolNameMap ToolNames)
{
    public string MessageId { get; init; } = ToolUseIds.NewMessageId();

    /// <summary>Problems worth a log line (unparseable tool arguments, an unknown output item, missing usage, …).</summary>
    public List<string> Notes { get; } = [];
}
