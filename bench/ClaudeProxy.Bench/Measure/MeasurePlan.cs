namespace ClaudeProxy.Bench.Measure;

/// <summary>How long and how much to measure: bounded so a full run stays within minutes on two cores.</summary>
internal sealed record MeasurePlan(
    IReadOnlyList<int> Levels,
    TimeSpan LoadDuration,
    TimeSpan WarmUp,
    TimeSpan LatencyDuration,
    int MaxLatencyRequests,
    int PacedStreams,
    int NativeStartups,
    int JitStartups,
    int AllocationRequests)
{
    /// <summary>The concurrency levels the figures are read at; the others only search for the best rate under 10 ms p99.</summary>
    public static readonly int[] ReportedLevels = [1, 8, 64];

    public static MeasurePlan Full(TimeSpan? duration) => new(
        [1, 4, 8, 16, 32, 64],
        duration ?? TimeSpan.FromSeconds(3),
        TimeSpan.FromSeconds(2),
        duration ?? TimeSpan.FromSeconds(3),
        20_000,
        PacedStreams: 6,
        NativeStartups: 5,
        JitStartups: 3,
        AllocationRequests: 1_000);

    public static MeasurePlan Quick(TimeSpan? duration) => new(
        ReportedLevels,
        duration ?? TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(1),
        duration ?? TimeSpan.FromSeconds(1),
        5_000,
        PacedStreams: 2,
        NativeStartups: 2,
        JitStartups: 1,
        AllocationRequests: 200);
}
