namespace ClaudeProxy.Routing;

/// <summary>A channel's health as the admin API and panel show it (keys by masked fingerprint only).</summary>
public sealed record ChannelHealthSnapshot(
    string ChannelId,
    CircuitState Circuit,
    DateTimeOffset? OpenUntil,
    int RecentOutcomes,
    double RecentFailureRate,
    IReadOnlyList<KeyHealthSnapshot> Keys);

public sealed record KeyHealthSnapshot(
    int Index,
    string Fingerprint,
    bool CoolingDown,
    DateTimeOffset? CooldownUntil,
    int ConsecutiveFailures,
    FailureKind? LastFailure,
    DateTimeOffset? LastFailureAt,
    DateTimeOffset? LastSuccessAt,
    long Successes,
    long Failures);
