using System.Runtime.InteropServices;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Reading a Messages request the way every translator needs it: the body parsed (or a 400 that
/// says why not), its turns in order with their roles checked, and the type of each content block.
/// </summary>
public static class AnthropicRequestJson
{
    /// <summary>Parses the body; throws <see cref="TranslationException"/> when it is not a JSON object (its shape is <see cref="Validation.MessageRequestValidator"/>'s to check).</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new TranslationException($"The request body is not valid JSON: {ex.Message}", ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new TranslationException("The request body must be a JSON object.");
        }

        return document;
    }

    /// <summary>The turns of <c>messages</c>, in order; throws <see cref="TranslationException"/> for a missing list or an unknown role.</summary>
    public static IEnumerable<AnthropicTurn> Turns(JsonElement root)
    {
        if (!root.TryGetProperty("messages"u8, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new TranslationException("messages: Field required (an array of messages).");
        }

        return Enumerate(list);
    }

    /// <summary>
    /// The custom tools of <c>tools</c>, by name. Anthropic server tools (a <c>type</c> other than
    /// <c>custom</c>: web search, code execution, …) are left out with a note naming
    /// <paramref name="upstream"/>, which cannot run them; a tool without a name is a 400.
    /// </summary>
    public static IEnumerable<(string Name, JsonElement Tool)> CustomTools(JsonElement root, List<string> notes, string upstream)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (!root.TryGetProperty("tools"u8, out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var tool in tools.EnumerateArray())
        {
            var name = tool.TryGetProperty("name"u8, out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : null;
            if (tool.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String && !type.ValueEquals("custom"u8))
            {
                notes.Add($"Dropped Anthropic server tool '{name}' ({type.GetString()}): {upstream} cannot run it.");
                continue;
            }

            yield return (string.IsNullOrEmpty(name) ? throw new TranslationException("tools: every tool needs a name.") : name, tool);
        }
    }

    /// <summary>The <c>type</c> of a content block, or null when it has none.</summary>
    public static string? BlockType(JsonElement block) =>
        block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    /// <summary>
    /// The JSON strings of a text-only content value (a system prompt, a system turn, a search
    /// result): the value itself when it is a string, else the <c>text</c> of each text block, in order.
    /// </summary>
    public static IEnumerable<JsonElement> Texts(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            yield return content;
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                if (BlockType(block) == "text" && block.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String)
                {
                    yield return text;
                }
            }
        }
    }

    /// <summary>True for a JSON string with something besides white space in it: empty or blank text is rejected by some upstreams and says nothing to any.</summary>
    /// <summary>
    /// True for a string with something besides whitespace. Scans the raw token instead of decoding it:
    /// every text of a large request passes through here.
    /// </summary>
    public static bool IsNonBlankText(JsonElement text)
    {
        if (text.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var raw = JsonMarshal.GetRawUtf8Value(text);
        raw = raw[1..^1];
        for (var i = 0; i < raw.Length; i++)
        {
            switch (raw[i])
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'\\' when i + 1 < raw.Length && raw[i + 1] is (byte)'n' or (byte)'t' or (byte)'r':
                    i++;
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The raw UTF-8 JSON token of a string element (quotes and escapes included), to copy a long text without decoding it.</summary>
    public static ReadOnlySpan<byte> RawToken(JsonElement element) => JsonMarshal.GetRawUtf8Value(element);

    private static IEnumerable<AnthropicTurn> Enumerate(JsonElement list)
    {
        var position = 0;
        foreach (var message in list.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role"u8, out var role) || role.ValueKind != JsonValueKind.String)
            {
                throw new TranslationException($"messages.{position}.role: Field required.");
            }

            var kind = role.ValueEquals("user"u8) ? AnthropicRole.User
                : role.ValueEquals("assistant"u8) ? AnthropicRole.Assistant
                : role.ValueEquals("system"u8) ? AnthropicRole.System
                : throw new TranslationException($"messages.{position}.role: '{role.GetString()}' is not one of user, assistant, system.");
            message.TryGetProperty("content"u8, out var content);
            yield return new AnthropicTurn(kind, content, position);
            position++;
        }
    }
}

/// <summary>The roles a turn of <c>messages</c> may have (<c>system</c>: a mid-conversation system message).</summary>
public enum AnthropicRole
{
    User,
    Assistant,
    System,
}

/// <summary>One turn of <c>messages</c>: its role, its content (a string, a block array, or undefined) and its position.</summary>
public readonly record struct AnthropicTurn(AnthropicRole Role, JsonElement Content, int Position);
