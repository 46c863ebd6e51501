namespace ClaudeProxy.Routing;

/// <summary>How an attempt ended, reported back to the plan (and through it to health tracking).</summary>
public sealed record AttemptOutcome(FailureKind Failure, int? StatusCode, TimeSpan Elapsed, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Failure == FailureKind.None;
}
