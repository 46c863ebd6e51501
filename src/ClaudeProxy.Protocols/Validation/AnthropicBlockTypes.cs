namespace ClaudeProxy.Protocols.Validation;

/// <summary>
/// The content block types of the Messages API, beta ones included (Claude Code calls the beta
/// surface), as the official SDKs list them. A block of any other type is a 400, as it is at
/// Anthropic; a known type a translator cannot express is dropped by that translator with a note.
/// </summary>
internal static class AnthropicBlockTypes
{
    /// <summary>What a message's <c>content</c> array may hold.</summary>
    public static readonly string[] InMessages =
    [
        "text", "image", "document", "search_result", "thinking", "redacted_thinking", "tool_use", "tool_result",
        "server_tool_use", "web_search_tool_result", "web_fetch_tool_result", "code_execution_tool_result",
        "bash_code_execution_tool_result", "text_editor_code_execution_tool_result", "tool_search_tool_result",
        "advisor_tool_result", "mcp_tool_use", "mcp_tool_result", "mcp_tool_listing", "container_upload", "compaction",
        "tool_addition", "tool_removal", "fallback",
    ];

    /// <summary>What a <c>tool_result</c>'s <c>content</c> array may hold.</summary>
    public static readonly string[] InToolResults = ["text", "image", "search_result", "document", "tool_reference", "browser_state"];

    /// <summary>What a document's <c>content</c> source may hold.</summary>
    public static readonly string[] InDocumentContent = ["text", "image"];

    /// <summary>What a search result's <c>content</c> may hold.</summary>
    public static readonly string[] InSearchResults = ["text"];

    /// <summary>What a <c>system</c> prompt given as blocks may hold.</summary>
    public static readonly string[] InSystem = ["text"];
}
