using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// A failed attempt, already in the client's terms: the status and Anthropic error envelope to
/// return if no other attempt succeeds, and how routing should treat it.
/// </summary>
public sealed record UpstreamFailure(FailureKind Kind, int Status, byte[] Envelope)
{
    /// <summary>Upstream headers worth passing on with the error (request-id, retry-after, rate-limit state).</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> Headers { get; init; } = [];

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The envelope's message (redacted when the envelope was built), for the key's last error.</summary>
    public string? Message() => AnthropicErrorEnvelope.TryReadError(Envelope, out _, out var message) ? message : null;
}
