using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// <c>temperature</c> and <c>top_p</c> for an OpenAI-family upstream: copied as they are, unless the channel
/// serves reasoning models (<see cref="ReasoningStyle.OpenAIEffort"/>: gpt-5, the o-series), which answer
/// 400 to any sampling setting; then they are dropped, with a note.
/// </summary>
internal static class SamplingSettings
{
    public static void Write(Utf8JsonWriter writer, JsonElement root, ReasoningStyle reasoning, List<string> notes)
    {
        if (reasoning == ReasoningStyle.OpenAIEffort)
        {
            if (root.TryGetProperty("temperature"u8, out _) || root.TryGetProperty("top_p"u8, out _))
            {
                notes.Add("temperature and top_p dropped: reasoning models take no sampling settings.");
            }

            return;
        }

        JsonCopy.Number(writer, root, "temperature"u8, "temperature"u8);
        JsonCopy.Number(writer, root, "top_p"u8, "top_p"u8);
    }
}
