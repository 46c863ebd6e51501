namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// What a response translation needs from its request: the model the client asked for, the tool
/// names to restore, and where to remember the thought signatures of the calls it hands out.
/// </summary>
public sealed record GeminiResponseContext(string RequestedModel, ToolNameMap ToolNames, ThoughtSignatureCache? Signatures = null)
{
    public string MessageId { get; init; } = ToolUseIds.NewMessageId();

    /// <summary>Problems worth a log line (a blocked prompt, a malformed call, missing usage, …).</summary>
    public List<string> Notes { get; } = [];
}
