namespace ClaudeProxy.Tests.Faults;

/// <summary>The ways an upstream misbehaves that the fault matrix plays against every channel type.</summary>
public enum UpstreamFault
{
    ConnectionRefused,
    HangBeforeHeaders,
    ResetBeforeHeaders,
    ServerErrorWithHtmlBody,
    RateLimitedWithRetryAfter,
    TruncatedBody,
    InvalidBody,
    BreaksRightAfterHeaders,
    GzipBomb,
    EndlessEvent,
    /// <summary>Played against the stream readers directly (see <c>DripTests</c>): only they can tell when a byte was read.</summary>
    DripThatNeverCompletesAnEvent,
    ErrorEventInside200,
    HangMidStream,
    ResetMidStream,
}
