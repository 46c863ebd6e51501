namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>The notes the Responses mapper and stream translator both leave, worded once.</summary>
internal static class ResponsesNotes
{
    public const string Unsigned = "A reasoning item came without encrypted_content: its thinking block has no signature and cannot be replayed.";

    /// <summary>Reports an output item of a kind the gateway never asks for (a hosted tool's call, …), once per kind.</summary>
    public static void SkippedItem(List<string> notes, HashSet<string> reported, string? kind)
    {
        kind ??= "unknown";
        if (reported.Add(kind))
        {
            notes.Add($"Skipped an output item of type '{kind}': the gateway does not ask for it, and the Anthropic format has no block for it.");
        }
    }
}
