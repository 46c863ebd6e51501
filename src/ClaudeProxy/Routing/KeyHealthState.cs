namespace ClaudeProxy.Routing;

/// <summary>How one key has fared lately. Guarded by its channel's lock.</summary>
internal sealed class KeyHealthState
{
    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset CooldownUntil { get; set; }

    public FailureKind LastFailure { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    public long Successes { get; set; }

    public long Failures { get; set; }
}
