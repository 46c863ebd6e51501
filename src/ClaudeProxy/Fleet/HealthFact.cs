using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Fleet;

/// <summary>
/// A <see cref="HealthChange"/> as instances tell it to each other: the channel by id and the key by its
/// <see cref="KeyFingerprint"/>, never the key itself; <see cref="Run"/> lets an instance skip its own echo.
/// </summary>
public sealed record HealthFact(
    HealthChangeKind Kind,
    DateTimeOffset Time,
    string ChannelId,
    string? KeyId,
    DateTimeOffset? Until,
    FailureKind? Reason,
    int? Status,
    bool LimitReached,
    string Instance,
    string Run)
{
    public static HealthFact From(HealthChange change, FleetInstance self)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(self);
        return new HealthFact(change.Kind, change.Time, change.ChannelId, change.KeyId, change.Until, change.Reason, change.Status,
            change.LimitReached, self.Id, self.Run);
    }
}
