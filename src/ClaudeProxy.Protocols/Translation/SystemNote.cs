using System.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// A mid-conversation system message as text of a user turn, kept where it was in the conversation.
/// Folded into the leading system prompt it would change the prompt's very first bytes whenever one
/// appears, so no upstream prefix cache could hit; in place, each request still starts with the
/// previous one's bytes.
/// </summary>
internal static class SystemNote
{
    // Claude Code's system prompt tells the model that these tags carry the system's words, not the user's.
    private const string Open = "<system-reminder>\n";
    private const string Close = "\n</system-reminder>";

    /// <summary>The message's non-blank texts, in order, joined by a blank line inside the tags; null when it has none.</summary>
    public static string? Of(JsonElement content) => Of(AnthropicRequestJson.Texts(content));

    /// <summary>The non-blank ones of <paramref name="texts"/> (JSON strings), in order, joined by a blank line inside the tags; null when there are none.</summary>
    public static string? Of(IEnumerable<JsonElement> texts)
    {
        StringBuilder? note = null;
        foreach (var text in texts)
        {
            if (!AnthropicRequestJson.IsNonBlankText(text))
            {
                continue;
            }

            if (note is null)
            {
                note = new StringBuilder(Open);
            }
            else
            {
                note.Append("\n\n");
            }

            note.Append(text.GetString());
        }

        return note?.Append(Close).ToString();
    }
}
