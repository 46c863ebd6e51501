using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// A tool call's arguments (an OpenAI-style JSON string, or an object some servers send instead) as
/// the <c>input</c> object of a <c>tool_use</c> block. Arguments that are not a JSON object become
/// <c>{}</c> with a note, so the client's schema still holds.
/// </summary>
internal static class ToolCallArguments
{
    /// <param name="writer">Positioned where the <c>input</c> value goes.</param>
    /// <param name="arguments">The arguments value; undefined when the call had none.</param>
    /// <param name="name">The tool's name, for the note.</param>
    /// <param name="notes">Where the note goes.</param>
    public static void Write(Utf8JsonWriter writer, JsonElement arguments, string name, List<string> notes)
    {
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            arguments.WriteTo(writer);
            return;
        }

        if (arguments.ValueKind == JsonValueKind.String && TryParseObject(arguments.GetString(), out var parsed))
        {
            using (parsed)
            {
                parsed.RootElement.WriteTo(writer);
            }

            return;
        }

        if (arguments.ValueKind != JsonValueKind.Undefined && !(arguments.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(arguments.GetString())))
        {
            notes.Add($"Tool call '{name}' had arguments that are not a JSON object; sent {{}} instead.");
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    private static bool TryParseObject(string? json, out JsonDocument document)
    {
        document = null!;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
