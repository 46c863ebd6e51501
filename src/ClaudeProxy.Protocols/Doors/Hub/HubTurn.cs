using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>
/// One turn of the Anthropic request an OpenAI door builds. Tool results and thinking are kept apart
/// from the other blocks because Anthropic wants them first in their turn (tool results in a user
/// turn, thinking in an assistant turn), whatever order the client's items came in.
/// </summary>
internal sealed class HubTurn(bool isUser)
{
    public bool IsUser { get; } = isUser;

    /// <summary>The turn's <c>tool_result</c> blocks (user turns only), written first.</summary>
    public List<HubBlock> ToolResults { get; } = [];

    /// <summary>The turn's <c>thinking</c> and <c>redacted_thinking</c> blocks (assistant turns only), written first.</summary>
    public List<HubBlock> Thinking { get; } = [];

    /// <summary>Text, images and tool uses, in the client's order, after the tool results or thinking.</summary>
    public List<HubBlock> Blocks { get; } = [];

    /// <summary>True when nothing but thinking is left: thinking alone answers nothing, and Anthropic wants it before an answer.</summary>
    public bool IsEmpty => ToolResults.Count == 0 && Blocks.Count == 0;

    public bool HasToolUse => Blocks.Exists(b => b.Kind == HubBlockKind.ToolUse);

    public void Absorb(HubTurn next)
    {
        ToolResults.AddRange(next.ToolResults);
        Thinking.AddRange(next.Thinking);
        Blocks.AddRange(next.Blocks);
    }
}

internal enum HubBlockKind
{
    Text,
    Image,
    ToolUse,
    ToolResult,
    Thinking,
    RedactedThinking,
}

/// <summary>
/// One content block to write. Texts keep the client's JSON string element when they can, so a long
/// text is copied as it is instead of decoded and encoded again.
/// </summary>
/// <param name="Kind">Which block.</param>
/// <param name="Source">
/// Text: the JSON string. Image: the URL string (a <c>data:</c> URL when <paramref name="MediaType"/> is set).
/// Tool use: the name string. Tool result: the content (a string, an array of text parts, or undefined)
/// unless <paramref name="Content"/> is set.
/// </param>
/// <param name="Literal">
/// Text: the gateway's own text, used instead of <paramref name="Source"/>. Thinking: the thinking text.
/// Redacted thinking: its data.
/// </param>
/// <param name="Id">Tool use and tool result: the tool call id.</param>
/// <param name="MediaType">Image: the media type of a base64 <c>data:</c> URL; null for an http(s) URL.</param>
/// <param name="Input">Tool use: the input object's JSON, already checked to be one object.</param>
/// <param name="Signature">Thinking: the upstream's signature of the thinking text.</param>
/// <param name="Content">Tool result: its text and image blocks, read already; null when <paramref name="Source"/> is the content.</param>
internal readonly record struct HubBlock(
    HubBlockKind Kind,
    JsonElement Source,
    string? Literal = null,
    string? Id = null,
    string? MediaType = null,
    byte[]? Input = null,
    string? Signature = null,
    List<HubBlock>? Content = null)
{
    public static HubBlock Text(JsonElement jsonString) => new(HubBlockKind.Text, jsonString);

    public static HubBlock Text(string literal) => new(HubBlockKind.Text, default, literal);

    public static HubBlock Thought(string thinking, string signature) => new(HubBlockKind.Thinking, default, thinking, Signature: signature);

    public static HubBlock RedactedThought(string data) => new(HubBlockKind.RedactedThinking, default, data);
}
