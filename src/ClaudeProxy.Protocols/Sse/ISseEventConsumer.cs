namespace ClaudeProxy.Protocols.Sse;

/// <summary>Receives the events an <see cref="SseParser"/> completes.</summary>
public interface ISseEventConsumer
{
    /// <summary>
    /// One complete event. <paramref name="data"/> is the joined <c>data:</c> lines as raw UTF-8; both
    /// spans are valid only during the call.
    /// </summary>
    void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data);
}
