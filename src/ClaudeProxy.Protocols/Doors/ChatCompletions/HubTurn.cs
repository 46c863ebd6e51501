using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// One turn of the Anthropic request being built from Chat Completions messages. Tool results are
/// kept apart from the other blocks because Anthropic wants them first in their user turn, whatever
/// order the client's tool and user messages came in.
/// </summary>
internal sealed class HubTurn(bool isUser)
{
    public bool IsUser { get; } = isUser;

    /// <summary>The turn's <c>tool_result</c> blocks (user turns only), written first.</summary>
    public List<HubBlock> ToolResults { get; } = [];

    /// <summary>Text, images and tool uses, in the client's order, after the tool results.</summary>
    public List<HubBlock> Blocks { get; } = [];

    public bool IsEmpty => ToolResults.Count == 0 && Blocks.Count == 0;

    public bool HasToolUse => Blocks.Exists(b => b.Kind == HubBlockKind.ToolUse);

    public void Absorb(HubTurn next)
    {
        ToolResults.AddRange(next.ToolResults);
        Blocks.AddRange(next.Blocks);
    }
}

internal enum HubBlockKind
{
    Text,
    Image,
    ToolUse,
    ToolResult,
}

/// <summary>
/// One content block to write. Texts keep the client's JSON string element when they can, so a long
/// text is copied as it is instead of decoded and encoded again.
/// </summary>
/// <param name="Kind">Which block.</param>
/// <param name="Source">
/// Text: the JSON string. Image: the URL string (a <c>data:</c> URL when <paramref name="MediaType"/> is set).
/// Tool use: the name string. Tool result: the content (a string, an array of text parts, or undefined).
/// </param>
/// <param name="Literal">Text: the gateway's own text, used instead of <paramref name="Source"/>.</param>
/// <param name="Id">Tool use and tool result: the tool call id.</param>
/// <param name="MediaType">Image: the media type of a base64 <c>data:</c> URL; null for an http(s) URL.</param>
/// <param name="Input">Tool use: the input object's JSON, already checked to be one object.</param>
internal readonly record struct HubBlock(HubBlockKind Kind, JsonElement Source, string? Literal = null, string? Id = null, string? MediaType = null, byte[]? Input = null)
{
    public static HubBlock Text(JsonElement jsonString) => new(HubBlockKind.Text, jsonString);

    public static HubBlock Text(string literal) => new(HubBlockKind.Text, default, literal);
}
