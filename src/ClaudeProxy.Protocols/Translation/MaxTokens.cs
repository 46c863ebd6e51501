using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary><c>max_tokens</c> as an upstream may take it: clamped, with a note, to what the channel's model allows.</summary>
internal static class MaxTokens
{
    /// <summary>The request's <c>max_tokens</c>, at most <paramref name="cap"/>; null when it has none.</summary>
    public static int? Read(JsonElement request, int? cap, List<string> notes)
    {
        if (!request.TryGetProperty("max_tokens"u8, out var element) || !element.TryGetInt32(out var maxTokens))
        {
            return null;
        }

        if (cap is { } limit && maxTokens > limit)
        {
            notes.Add($"max_tokens {maxTokens} clamped to the channel's limit of {limit}.");
            return limit;
        }

        return maxTokens;
    }
}
