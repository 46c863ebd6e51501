namespace ClaudeProxy.Routing.Attempts;

/// <summary>
/// One upstream attempt, as the request log, metrics and admin views see it. The key appears only
/// as its masked fingerprint.
/// </summary>
public sealed record AttemptRecord(
    string RequestId,
    DateTimeOffset StartedAt,
    string ChannelId,
    string ChannelName,
    string ServiceType,
    string KeyFingerprint,
    int AttemptNumber,
    int? Status,
    FailureKind Failure,
    TimeSpan Latency,
    TimeSpan? TimeToFirstByte);
