using ClaudeProxy.Bench.Measure;
using ClaudeProxy.Bench.Mock;

namespace ClaudeProxy.Bench.Report;

/// <summary>
/// What a system (a gateway build or the peer) adds to one scenario over its floor, the same
/// upstream exchange made directly. Differences of percentiles at concurrency 1, taken from the
/// floor run alternately with the scenario when there is one (else from the floors' own run).
/// </summary>
internal sealed record Overhead(
    string ScenarioId,
    string System,
    double AddedP50Ms,
    double AddedP99Ms,
    double? FirstByteAddedP50Ms,
    double? EventDelayAddedP50Us,
    double? EventDelayAddedP99Us,
    double? EventCostUs)
{
    public static Overhead Between(ScenarioResult system, ScenarioResult floor)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(floor);
        var streaming = system.Streaming;
        var floorLatency = system.PairedFloorLatency ?? floor.Latency;
        var floorEvents = system.PairedFloorEventDelay ?? floor.EventDelay;
        return new Overhead(
            system.ScenarioId,
            system.System,
            system.Latency.Total.P50Ms - floorLatency.Total.P50Ms,
            system.Latency.Total.P99Ms - floorLatency.Total.P99Ms,
            streaming ? system.Latency.FirstByte.P50Ms - floorLatency.FirstByte.P50Ms : null,
            system.EventDelay is { } delay && floorEvents is { } floorDelay ? (delay.P50Ms - floorDelay.P50Ms) * 1000 : null,
            system.EventDelay is { } delay99 && floorEvents is { } floorDelay99 ? (delay99.P99Ms - floorDelay99.P99Ms) * 1000 : null,
            // The mock sends the whole stream at once: the time after the first byte is the gateway's work on 300 events.
            streaming ? (system.Latency.AfterFirstByte.P50Ms - floorLatency.AfterFirstByte.P50Ms) * 1000 / MockPayloads.StreamEvents : null);
    }
}
