using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>Whether a Gemini stream chunk carries the answer, for deciding when a 2xx stream has really begun.</summary>
public static class GeminiStreamStart
{
    /// <summary>
    /// True for a chunk whose candidate has parts or a finish reason, or whose prompt was blocked (a
    /// stop reason too); false for a usage-only chunk. A chunk that is not JSON counts as an answer:
    /// the translator reports it.
    /// </summary>
    public static bool CarriesAnswer(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                // Some relays send each chunk as a one-element array, as the non-SSE stream does.
                return root.EnumerateArray().Any(Carries);
            }

            return Carries(root);
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static bool Carries(JsonElement chunk)
    {
        if (chunk.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (chunk.TryGetProperty("promptFeedback"u8, out var feedback) && feedback.ValueKind == JsonValueKind.Object
            && feedback.TryGetProperty("blockReason"u8, out var blocked) && blocked.ValueKind == JsonValueKind.String)
        {
            return true;
        }

        if (!chunk.TryGetProperty("candidates"u8, out var candidates) || candidates.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var candidate in candidates.EnumerateArray())
        {
            if (candidate.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (candidate.TryGetProperty("finishReason"u8, out var finish) && finish.ValueKind == JsonValueKind.String)
            {
                return true;
            }

            if (candidate.TryGetProperty("content"u8, out var content) && content.ValueKind == JsonValueKind.Object
                && content.TryGetProperty("parts"u8, out var parts) && parts.ValueKind == JsonValueKind.Array && parts.GetArrayLength() > 0)
            {
                return true;
            }
        }

        return false;
    }
}
