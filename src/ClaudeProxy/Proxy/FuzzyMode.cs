using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Proxy;

/// <summary>
/// claude-proxy's <c>fuzzyModeEnabled</c>: every failed attempt moves on to the next key or channel, a client
/// error (400, 404, 422…) too, and when all have failed the client gets one <c>503 overloaded_error</c> instead of
/// the last upstream's error. Only the loop's decision changes: a failure keeps its kind, so health treats it as
/// it would without the mode (a client error rests no key and counts against no channel).
/// </summary>
internal static class FuzzyMode
{
    public const string AllFailedMessage = "All upstream channels are currently unavailable";

    /// <summary>Whether the next attempt is tried after this failure.</summary>
    public static bool FailsOver(FailureKind failure, bool fuzzy) => fuzzy || failure.IsRetryable();
}
