using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Routing.Health;

public enum HealthChangeKind
{
    /// <summary>A failure benched the key until <see cref="HealthChange.Until"/>.</summary>
    KeyRested,

    /// <summary>A key that had rested served a success again.</summary>
    KeyBack,

    /// <summary>The channel's circuit opened; it rests until <see cref="HealthChange.Until"/>.</summary>
    CircuitOpened,

    /// <summary>The rest is over: one probe may go through (until <see cref="HealthChange.Until"/> at the latest).</summary>
    CircuitHalfOpen,

    /// <summary>The probe succeeded: the channel is back in use.</summary>
    CircuitClosed,
}

/// <summary>
/// One change of a channel's or key's health, as live views hear of it. The key is its masked
/// fingerprint and position; the raw key never leaves the registry.
/// </summary>
public sealed record HealthChange(
    HealthChangeKind Kind,
    DateTimeOffset Time,
    string ChannelId,
    string ChannelName,
    int? KeyIndex = null,
    string? Key = null,
    DateTimeOffset? Until = null,
    FailureKind? Reason = null,
    int? Status = null);
