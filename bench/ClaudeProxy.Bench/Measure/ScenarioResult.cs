using ClaudeProxy.Bench.Load;

namespace ClaudeProxy.Bench.Measure;

/// <summary>Everything measured for one scenario on one system (mock, native, jit, ccr).</summary>
internal sealed record ScenarioResult(
    string ScenarioId,
    string System,
    string Title,
    long RequestBytes,
    bool Streaming,
    SequentialResult Latency,
    LatencyStats? EventDelay,
    IReadOnlyList<LoadPoint> Throughput)
{
    /// <summary>The floor measured alternately with this scenario (same minutes, same machine load); null for floors.</summary>
    public SequentialResult? PairedFloorLatency { get; init; }

    /// <summary>The floor's paced stream, measured alternately with this scenario's.</summary>
    public LatencyStats? PairedFloorEventDelay { get; init; }

    public const double LatencyBudgetMs = 10;

    public LoadPoint? At(int concurrency) => Throughput.FirstOrDefault(p => p.Concurrency == concurrency);

    /// <summary>The highest throughput among the levels whose p99 stayed under 10 ms without errors.</summary>
    public LoadPoint? BestUnderBudget => Throughput
        .Where(p => p.Errors == 0 && p.P99Ms < LatencyBudgetMs)
        .MaxBy(p => p.RequestsPerSecond);
}
