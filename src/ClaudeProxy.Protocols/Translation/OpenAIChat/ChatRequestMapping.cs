namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>The translated request, and what the response translation needs to map names back.</summary>
public sealed record ChatRequestMapping(byte[] Body, ToolNameMap ToolNames, bool Stream, IReadOnlyList<string> Notes);
