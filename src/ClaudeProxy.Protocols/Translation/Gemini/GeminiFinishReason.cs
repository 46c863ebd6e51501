namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>Gemini <c>finishReason</c> → Anthropic <c>stop_reason</c>.</summary>
public static class GeminiFinishReason
{
    public static string ToStopReason(string? finishReason, bool emittedToolUse, bool promptBlocked)
    {
        if (promptBlocked)
        {
            return "refusal";
        }

        return finishReason switch
        {
            "MAX_TOKENS" => "max_tokens",
            "SAFETY" or "RECITATION" or "LANGUAGE" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" => "refusal",
            _ when finishReason?.StartsWith("IMAGE_", StringComparison.Ordinal) == true => "refusal",

            // Gemini says STOP after function calls too; malformed or unexpected calls, OTHER and a
            // missing reason end the turn as well. Unknown reasons are never passed through.
            _ => emittedToolUse ? "tool_use" : "end_turn",
        };
    }

    /// <summary>The reasons that mean the model tried to call a tool and failed: worth a log line.</summary>
    public static bool IsFailedToolCall(string? finishReason) =>
        finishReason is "MALFORMED_FUNCTION_CALL" or "UNEXPECTED_TOOL_CALL" or "TOO_MANY_TOOL_CALLS";
}
