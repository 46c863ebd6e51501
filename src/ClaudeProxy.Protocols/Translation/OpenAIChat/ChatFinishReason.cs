namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>Chat Completions <c>finish_reason</c> → Anthropic <c>stop_reason</c>.</summary>
public static class ChatFinishReason
{
    public static string ToStopReason(string? finishReason, bool emittedToolUse) => finishReason switch
    {
        "length" => "max_tokens",
        "content_filter" => "refusal",
        // Many compatible servers say "stop" next to tool calls; unknown reasons are never passed through.
        _ => emittedToolUse ? "tool_use" : "end_turn",
    };
}
