namespace ClaudeProxy.Panel;

/// <summary>One file of the panel: its length, a way to read it, and a strong ETag for its bytes.</summary>
public sealed record PanelFile(string Path, long Length, string ETag, Func<Stream> Open);
