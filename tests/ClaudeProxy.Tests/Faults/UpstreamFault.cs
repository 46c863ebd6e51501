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
    /// <summary>A 2xx that carries nothing: a stream of preliminaries only (no content, no stop reason), or a message with no content and no output tokens.</summary>
    EmptySuccess,
    /// <summary>A stream that opens normally (a message start, a role chunk) and then sends an error before any content.</summary>
    ErrorEventAfterStart,
    HangMidStream,
    ResetMidStream,
}
