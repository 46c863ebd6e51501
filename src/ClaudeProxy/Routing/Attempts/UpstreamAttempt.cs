using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Security;

namespace ClaudeProxy.Routing.Attempts;

/// <summary>One try of a request: this channel, with this key, at this one of its base URLs.</summary>
public sealed record UpstreamAttempt(RoutedChannel Channel, int KeyIndex, string ApiKey, int UrlIndex = 0)
{
    /// <summary>
    /// The channel as sent to: its settings with the attempt's base URL. Health, limits and usage stay the
    /// <see cref="RoutedChannel.Config"/>'s, whichever URL answered.
    /// </summary>
    public ChannelConfig Target => Channel.Endpoints[UrlIndex];

    /// <summary>Identifies the key in logs and records without revealing it.</summary>
    public string KeyFingerprint => SecretMask.Mask(ApiKey);

    /// <summary>The attempt's slot on its key; whoever runs the attempt disposes it when done with it.</summary>
    public KeyLease? Lease { get; init; }
}
