using ClaudeProxy.Protocols.Doors;

namespace ClaudeProxy.Proxy.Doors;

/// <summary>What a door makes of the Anthropic answer the Messages path writes: its own stream or its own message.</summary>
internal abstract class DoorAnswer
{
    /// <summary>The content type of the door's stream when it is not the hub's <c>text/event-stream</c>; null keeps it.</summary>
    public virtual string? StreamContentType => null;

    /// <summary>A translator for a successful event stream, made when the answer's first byte is written.</summary>
    public abstract IDoorStreamTranslator StartStream();

    /// <summary>The door's message for a complete Anthropic message; throws <see cref="System.Text.Json.JsonException"/> when it cannot be read.</summary>
    public abstract byte[] TranslateMessage(ReadOnlySpan<byte> anthropicMessage);

    /// <summary>The door's error body for a successful answer whose message could not be read (sent as 502).</summary>
    public abstract byte[] UnreadableMessageError();

    /// <summary>
    /// Runs before each piece of the translated answer goes to the client, so that a door can act on a complete
    /// answer (store it) before the client learns that it is complete.
    /// </summary>
    public virtual ValueTask BeforeSendAsync() => ValueTask.CompletedTask;
}
