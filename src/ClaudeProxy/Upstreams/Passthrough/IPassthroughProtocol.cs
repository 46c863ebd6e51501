using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams.Passthrough;

/// <summary>
/// An upstream protocol that is also a door's: requests of that door go to its channels untranslated
/// and their answers come back as they came. What is left to know is how to read such an answer for
/// routing and the usage log, and how to end its stream when the upstream breaks off.
/// </summary>
public interface IPassthroughProtocol
{
    /// <summary>The door whose requests pass through.</summary>
    DoorProtocol Door { get; }

    /// <summary>Whether this request can pass through (a door may need state the upstream does not have).</summary>
    bool CanPass(DoorBody door);

    /// <summary>Where the attempt's channel takes this door request (routed by the model the client named).</summary>
    Uri PassthroughUrl(ProxyRequest request, UpstreamAttempt attempt);

    /// <summary>Whether an event at the start of a 2xx stream carries the answer, so the stream commits.</summary>
    bool CarriesAnswer(ReadOnlySpan<byte> data);

    /// <summary>Reads an error event at the start of a stream, as <see cref="StreamStartError.Reader"/>.</summary>
    (string ErrorType, string Message)? ReadStreamError(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data);

    /// <summary>A watcher of the relayed events for the usage log.</summary>
    IPassthroughTap CreateTap();

    /// <summary>The usage of a whole (non-stream) answer; null when it has none.</summary>
    AnthropicUsage? ReadUsage(ReadOnlySpan<byte> body);

    /// <summary>The event that ends a relayed stream the upstream broke off, in the door's protocol.</summary>
    byte[] StreamErrorEvent(string errorType, string message);
}
