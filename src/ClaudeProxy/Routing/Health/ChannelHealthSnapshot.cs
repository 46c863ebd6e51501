using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Routing.Health;

/// <summary>A channel's health as the admin API and panel show it (keys by masked fingerprint only).</summary>
public sealed record ChannelHealthSnapshot(
    string ChannelId,
    CircuitState Circuit,
    DateTimeOffset? OpenUntil,
    int RecentOutcomes,
    double RecentFailureRate,
    IReadOnlyList<KeyHealthSnapshot> Keys)
{
    /// <summary>Attempts on the channel's keys in the last 15 minutes.</summary>
    public int Requests15m => Keys.Sum(k => k.Requests15m);
}

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
    long Failures,
    KeyLastError? LastError = null,
    int Requests15m = 0,
    string? RestReason = null,
    int InFlight = 0,
    string? CappedBy = null)
{
    /// <summary>At its <c>maxConcurrency</c> or <c>rpm</c>: skipped until a slot frees.</summary>
    public bool Capped => CappedBy is not null;
}
