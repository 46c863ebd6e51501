namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>The translated request, and what the response translation needs to map names back.</summary>
public sealed record GeminiRequestMapping(byte[] Body, ToolNameMap ToolNames, bool Stream, IReadOnlyList<string> Notes);
