using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// One turn of the Anthropic request being built from Gemini contents. Tool results are kept apart from
/// the other blocks because Anthropic wants them first in their user turn.
/// </summary>
internal sealed class GeminiDoorTurn(bool isUser)
{
    public bool IsUser { get; } = isUser;

    /// <summary>The turn's <c>tool_result</c> blocks (user turns only), written first.</summary>
    public List<GeminiDoorBlock> ToolResults { get; } = [];

    /// <summary>Everything else, in the client's order.</summary>
    public List<GeminiDoorBlock> Blocks { get; } = [];

    public bool IsEmpty => ToolResults.Count == 0 && Blocks.Count == 0;

    public bool HasToolUse => Blocks.Exists(b => b.Kind == GeminiDoorBlockKind.ToolUse);

    /// <summary>True when the turn opens with thinking Anthropic signed, as it wants the last turn of a tool loop to.</summary>
    public bool StartsWithSignedThinking => Blocks.Count > 0 && Blocks[0].Thinking is { IsAnthropicSigned: true };

    public void Absorb(GeminiDoorTurn next)
    {
        ToolResults.AddRange(next.ToolResults);
        Blocks.AddRange(next.Blocks);
    }
}

internal enum GeminiDoorBlockKind
{
    Text,
    Image,
    Document,
    Thinking,
    ToolUse,
    ToolResult,
}

/// <summary>
/// One content block to write. The client's strings stay JSON elements so their bytes are copied as
/// they are, never decoded and encoded again.
/// </summary>
/// <param name="Kind">Which block.</param>
/// <param name="Source">
/// Text: the JSON string. Image and document: the base64 data string. Tool use: the name string; tool
/// result: a string content, or the <c>response</c> object whose JSON text is the content (see
/// <paramref name="ContentIsJson"/>); undefined for no content.
/// </param>
/// <param name="Literal">Text: the gateway's own text, used instead of <paramref name="Source"/>.</param>
/// <param name="Id">Tool use and tool result: the tool-use id.</param>
/// <param name="MediaType">Image and document: the media type.</param>
/// <param name="Input">Tool use: the <c>args</c> object; undefined for none.</param>
/// <param name="Thinking">Thinking: the block restored from a thought signature.</param>
/// <param name="IsError">Tool result: the function answered with an <c>error</c>.</param>
/// <param name="ContentIsJson">Tool result: <paramref name="Source"/> is an object whose JSON text is the content.</param>
/// <param name="Images">Tool result: images the function returned in <c>functionResponse.parts</c>.</param>
internal readonly record struct GeminiDoorBlock(
    GeminiDoorBlockKind Kind,
    JsonElement Source,
    string? Literal = null,
    string? Id = null,
    string? MediaType = null,
    JsonElement Input = default,
    GeminiDoorThinking? Thinking = null,
    bool IsError = false,
    bool ContentIsJson = false,
    List<GeminiDoorBlock>? Images = null)
{
    public static GeminiDoorBlock Text(JsonElement jsonString) => new(GeminiDoorBlockKind.Text, jsonString);

    public static GeminiDoorBlock Text(string literal) => new(GeminiDoorBlockKind.Text, default, literal);

    public static GeminiDoorBlock FromThinking(GeminiDoorThinking thinking) => new(GeminiDoorBlockKind.Thinking, default, Thinking: thinking);
}
