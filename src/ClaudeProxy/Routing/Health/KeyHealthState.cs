using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Routing.Health;

/// <summary>How one key has fared lately. Guarded by its channel's lock.</summary>
internal sealed class KeyHealthState
{
    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset CooldownUntil { get; set; }

    /// <summary>Until when the upstream said the key has nothing left; kept apart from failures, so a success does not end it.</summary>
    public DateTimeOffset LimitReachedUntil { get; set; }

    /// <summary>When the key may be used again: the later of its failure cooldown and its learned limit.</summary>
    public DateTimeOffset AvailableAt => CooldownUntil > LimitReachedUntil ? CooldownUntil : LimitReachedUntil;

    public FailureKind LastFailure { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    public KeyLastError? LastError { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    public long Successes { get; set; }

    public long Failures { get; set; }

    /// <summary>Rested since its last success: its next success is reported as the key being back.</summary>
    public bool Rested { get; set; }

    public RecentRequestCounter Recent { get; } = new();
}
