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
/// One change of a channel's or key's health, as live views and the other instances hear of it. The key is its
/// masked form, its position and its <see cref="KeyFingerprint"/>; the raw key never leaves the registry.
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
    int? Status = null)
{
    /// <summary>The key's <see cref="KeyFingerprint"/>: how instances name a key to each other without the key.</summary>
    public string? KeyId { get; init; }

    /// <summary>The rest was learned from an answer's rate-limit headers, not caused by a failure, so a success does not end it.</summary>
    public bool LimitReached { get; init; }

    /// <summary>The instance that saw it happen; null when it happened here.</summary>
    public string? Origin { get; init; }
}
