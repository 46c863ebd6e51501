using System.Buffers;

namespace ClaudeProxy.Protocols.Doors;

/// <summary>
/// Turns the Anthropic Messages event stream the hub answers with into a door's own stream, whatever
/// pieces the upstream's bytes arrive in.
/// </summary>
public interface IDoorStreamTranslator : IDisposable
{
    /// <summary>Translates the next piece of the Anthropic stream, writing what it completes to <paramref name="output"/>.</summary>
    void Write(ReadOnlySpan<byte> anthropicSse, IBufferWriter<byte> output);

    /// <summary>Ends the door's stream once the Anthropic one has ended (also when it broke off without its last events).</summary>
    void Complete(IBufferWriter<byte> output);
}
