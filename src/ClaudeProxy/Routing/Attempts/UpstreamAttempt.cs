using ClaudeProxy.Routing.Health;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Security;

namespace ClaudeProxy.Routing.Attempts;

/// <summary>One try of a request: this channel, with this key.</summary>
public sealed record UpstreamAttempt(RoutedChannel Channel, int KeyIndex, string ApiKey)
{
    /// <summary>Identifies the key in logs and records without revealing it.</summary>
    public string KeyFingerprint => SecretMask.Mask(ApiKey);

    /// <summary>The attempt's slot on its key; whoever runs the attempt disposes it when done with it.</summary>
    public KeyLease? Lease { get; init; }
}
