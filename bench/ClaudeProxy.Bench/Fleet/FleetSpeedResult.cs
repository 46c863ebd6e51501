using ClaudeProxy.Bench.Load;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>One side's load points at one concurrency, in round order, with the CPU they cost.</summary>
internal sealed record FleetSide(IReadOnlyList<LoadPoint> Points, double GatewayCpuSeconds, double BackendCpuSeconds)
{
    public long Requests => Points.Sum(p => p.Requests);

    public long Errors => Points.Sum(p => p.Errors);

    /// <summary>All rounds' requests over all rounds' time: each round weighs by its length, not by its rate.</summary>
    public double RequestsPerSecond => Requests / Points.Sum(p => p.Seconds);

    public double GatewayCpuPer1000 => GatewayCpuSeconds / Requests * 1000;

    public double BackendCpuPer1000 => BackendCpuSeconds / Requests * 1000;
}

/// <summary>Embedded and fleet at one concurrency, loaded in alternation.</summary>
internal sealed record FleetThroughput(int Concurrency, FleetSide Embedded, FleetSide Fleet)
{
    public double Ratio => Fleet.RequestsPerSecond / Embedded.RequestsPerSecond;
}

/// <summary>
/// Scenario b on the same build without and with <c>REDIS_URL</c> + <c>USAGE_DB_URL</c>: latency at c=1 from one
/// run alternating request by request between the floor, the embedded gateway and the fleet gateway, and
/// throughput per concurrency from alternating load points.
/// </summary>
internal sealed record FleetSpeedResult(
    string Build,
    SequentialResult Floor,
    SequentialResult Embedded,
    SequentialResult Fleet,
    IReadOnlyList<FleetThroughput> Throughput)
{
    public double AddedP50Ms(SequentialResult side) => side.Total.P50Ms - Floor.Total.P50Ms;

    public double AddedP99Ms(SequentialResult side) => side.Total.P99Ms - Floor.Total.P99Ms;

    /// <summary>What the fleet settings add to the median request at c=1: the fleet's p50 minus the embedded one's.</summary>
    public double FleetAddedP50Ms => Fleet.Total.P50Ms - Embedded.Total.P50Ms;

    public double FleetAddedP99Ms => Fleet.Total.P99Ms - Embedded.Total.P99Ms;
}
