using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Turns an upstream's SSE events into an Anthropic Messages event stream. The server drives every
/// translator the same way: <see cref="Start"/> once the upstream answered 2xx, each parsed event
/// through <see cref="ISseEventConsumer.OnEvent"/> until <see cref="IsFinished"/>, then
/// <see cref="Complete"/> at a clean end of the body or <see cref="Fail"/> when the body broke off.
/// </summary>
public interface IAnthropicStreamTranslator : ISseEventConsumer, IDisposable
{
    /// <summary>True once <c>message_stop</c> or an <c>error</c> event has been written; later input is ignored.</summary>
    bool IsFinished { get; }

    /// <summary>The usage written with <c>message_delta</c> when the stream finished; null before, after a failure, or when the upstream reported none.</summary>
    AnthropicUsage? Usage { get; }

    /// <summary>Writes <c>message_start</c> and a <c>ping</c>.</summary>
    void Start();

    /// <summary>The upstream body ended cleanly (EOF).</summary>
    void Complete();

    /// <summary>Ends the stream with an <c>error</c> event (the upstream failed or went silent).</summary>
    void Fail(string errorType, string message);
}
