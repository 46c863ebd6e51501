namespace ClaudeProxy.Routing.Attempts;

/// <summary>
/// How an attempt ended, reported back to the plan (and through it to health tracking). The message,
/// when there is one, is the failure's text as the client would see it; health keeps it redacted and short.
/// </summary>
public sealed record AttemptOutcome(FailureKind Failure, int? StatusCode, TimeSpan Elapsed, TimeSpan? RetryAfter = null, string? Message = null)
{
    public bool Succeeded => Failure == FailureKind.None;
}
