namespace ClaudeProxy.Bench.Fleet;

/// <summary>How long and how much the fleet scenario measures and loads.</summary>
internal sealed record FleetPlan(
    IReadOnlyList<int> Levels,
    int Rounds,
    TimeSpan LoadDuration,
    TimeSpan WarmUp,
    TimeSpan LatencyDuration,
    int MaxLatencyRequests,
    int Edits,
    int UsagePerInstance,
    TimeSpan OutageLoad,
    TimeSpan CapLoad)
{
    public static FleetPlan Full(TimeSpan? duration) => new(
        [8, 64], Rounds: 4, duration ?? TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), duration ?? TimeSpan.FromSeconds(3), 20_000,
        Edits: 5, UsagePerInstance: 10, OutageLoad: TimeSpan.FromSeconds(6), CapLoad: TimeSpan.FromSeconds(4));

    public static FleetPlan Quick(TimeSpan? duration) => new(
        [8, 64], Rounds: 2, duration ?? TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), duration ?? TimeSpan.FromSeconds(1), 5_000,
        Edits: 3, UsagePerInstance: 5, OutageLoad: TimeSpan.FromSeconds(4), CapLoad: TimeSpan.FromSeconds(2));
}
