namespace ClaudeProxy.Routing.Attempts;

/// <summary>
/// The attempts for one request, handed out one at a time so each can depend on how the previous
/// ones went. The proxy asks for the next attempt only after a retryable failure.
/// </summary>
public abstract class AttemptPlan
{
    /// <summary>The channels this request could go to at all (zero means "nothing configured").</summary>
    public abstract int CandidateChannelCount { get; }

    /// <summary>Whether a key was left out because it was at its <c>maxConcurrency</c> or <c>rpm</c> cap.</summary>
    public virtual bool SkippedCappedKeys => false;

    /// <summary>
    /// The next attempt, or null when there is none left. Completes at once unless a capped key's slot is taken
    /// from the count instances share.
    /// </summary>
    public abstract ValueTask<UpstreamAttempt?> NextAsync();

    public abstract void Report(UpstreamAttempt attempt, AttemptOutcome outcome);

    /// <summary>
    /// The attempt's answer (of any status) said its key has nothing left until <paramref name="until"/>.
    /// Told besides <see cref="Report"/>, never instead: it is no success or failure of the attempt.
    /// </summary>
    public abstract void ReportLimitReached(UpstreamAttempt attempt, DateTimeOffset until, int status);
}
