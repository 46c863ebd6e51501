using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>A finished response's <c>status</c> and <c>incomplete_details.reason</c> → Anthropic <c>stop_reason</c>.</summary>
internal static class ResponsesStopReason
{
    /// <summary>
    /// An answer cut short says so even when it holds tool uses (their input may be cut too), as a
    /// Chat Completions <c>length</c> does; otherwise tool uses ask for their results, and an answer
    /// that is only a refusal is one.
    /// </summary>
    /// <param name="incompleteReason">The reason of an <c>incomplete</c> response; null for one that completed.</param>
    /// <param name="emittedToolUse">Whether the answer holds a <c>tool_use</c> block.</param>
    /// <param name="refusalOnly">Whether the answer's only text is a refusal.</param>
    /// <param name="notes">Where an unknown reason is reported.</param>
    public static string From(string? incompleteReason, bool emittedToolUse, bool refusalOnly, List<string> notes)
    {
        switch (incompleteReason)
        {
            case "max_output_tokens":
                return "max_tokens";
            case "content_filter":
                return "refusal";
            case not null:
                var reason = incompleteReason.Length > 0 ? $"for a reason this gateway does not know ('{incompleteReason}')" : "without a reason";
                notes.Add($"The response was incomplete {reason}; ended the turn as if it were complete.");
                break;
        }

        return emittedToolUse ? "tool_use" : refusalOnly ? "refusal" : "end_turn";
    }

    /// <summary>The reason an <c>incomplete</c> response gives (<c>""</c> when it gives none); null for any other status.</summary>
    public static string? IncompleteReason(JsonElement response, bool incomplete)
    {
        incomplete |= ResponsesOutputItem.String(response, "status"u8) == "incomplete";
        if (!incomplete)
        {
            return null;
        }

        return response.ValueKind == JsonValueKind.Object && response.TryGetProperty("incomplete_details"u8, out var details)
            ? ResponsesOutputItem.String(details, "reason"u8) ?? ""
            : "";
    }
}
