namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// A translated request: its body in a pooled buffer (sent as it is, never copied out), whether it
/// asks for a stream, what the response translation needs to map tool names back, and the notes
/// the mapping left. Disposing it returns the buffer; <see cref="Body"/> must not be read after.
/// </summary>
public sealed class RequestMapping(PooledBufferWriter body, ToolNameMap toolNames, bool stream, IReadOnlyList<string> notes) : IDisposable
{
    public ReadOnlyMemory<byte> Body => body.WrittenMemory;

    public ToolNameMap ToolNames { get; } = toolNames;

    public bool Stream { get; } = stream;

    public IReadOnlyList<string> Notes { get; } = notes;

    public void Dispose() => body.Dispose();
}
