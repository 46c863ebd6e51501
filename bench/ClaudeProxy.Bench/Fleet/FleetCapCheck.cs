using System.Globalization;
using ClaudeProxy.Bench.Mock;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// (e) <c>maxConcurrency: 1</c> across instances: two instances loaded at once on a channel whose keys are each
/// capped at one request, the upstream answering after <see cref="FleetUpstream.SlowDelay"/>; the mock records
/// the most requests any key had at the same time. A 429 from a gateway whose keys are all at their cap is an
/// answer the cap allows: counted and shown.
/// </summary>
internal static class FleetCapCheck
{
    public static async Task<TargetCheck> RunAsync(string name, IReadOnlyList<FleetNode> nodes, FleetMockCounts mock, int perInstance, TimeSpan duration, CancellationToken ct)
    {
        await mock.ResetAsync(ct);
        var tally = await StatusLoad.RunAsync(nodes, FleetConfigFile.CappedModel, perInstance, duration, ct);
        var counts = await mock.ReadAsync(ct);
        var most = FleetConfigFile.CappedKeys.Select(k => FleetMockCounts.MaxInFlight(counts, k)).ToList();
        var served = FleetConfigFile.CappedKeys.Select(k => FleetMockCounts.Requests(counts, k)).ToList();
        var others = tally.NotOk - tally.Of(429);
        return new TargetCheck(name, "≤ 1 at once per key at the upstream",
            string.Create(CultureInfo.InvariantCulture,
                $"most at once per key {string.Join("/", most)} ({string.Join("/", served)} served) with {perInstance} clients on each of {string.Join(", ", nodes.Select(n => n.Id))}, {FleetUpstream.SlowDelay.TotalMilliseconds:0} ms upstream; gateways answered 200 × {tally.Ok}, 429 × {tally.Of(429)} (keys at cap){(others > 0 ? $", other × {others}" : "")}"),
            tally.Ok > 0 && most.All(m => m <= 1));
    }
}
