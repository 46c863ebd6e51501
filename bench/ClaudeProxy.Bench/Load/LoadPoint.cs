namespace ClaudeProxy.Bench.Load;

/// <summary>One closed-loop load run: N connections each sending the next request as soon as the last answer ends.</summary>
internal sealed record LoadPoint(int Concurrency, long Requests, double Seconds, double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, long Errors)
{
    /// <summary>CPU seconds the server process used per 1,000 requests during this run (null when not watched).</summary>
    public double? CpuSecondsPer1000 { get; init; }

    /// <summary>Highest resident set of the server process sampled during this run, in MB.</summary>
    public double? PeakRssMb { get; init; }
}
