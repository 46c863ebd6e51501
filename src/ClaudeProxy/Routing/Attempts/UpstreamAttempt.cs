using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Security;

namespace ClaudeProxy.Routing.Attempts;

/// <summary>One try of a request: this channel, with this key.</summary>
public sealed record UpstreamAttempt(RoutedChannel Channel, int KeyIndex, string ApiKey)
{
    /// <summary>Identifies the key in logs and records without revealing it.</summary>
    public string KeyFingerprint => SecretMask.Mask(ApiKey);
}
