using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Load;
using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Measure;

/// <summary>Managed bytes the whole gateway allocated per request of one scenario, compared with the request body.</summary>
internal sealed record AllocationResult(string ScenarioId, long RequestBytes, double BytesPerRequest, int Requests)
{
    public double RatioToBody => BytesPerRequest / RequestBytes;
}

/// <summary>
/// Runs each gateway scenario against the allocation host (<see cref="AllocationHost"/>, a separate
/// process) and reads its <see cref="GC.GetTotalAllocatedBytes(bool)"/> before and after N
/// sequential requests.
/// </summary>
internal sealed class AllocationMeasurer(HttpClient client, TargetFactory targets, GatewayRunSettings run, MeasurePlan plan, TextWriter log)
{
    public async Task<IReadOnlyList<AllocationResult>> MeasureAsync(IReadOnlyList<Scenario> scenarios, CancellationToken ct)
    {
        var (fileName, arguments) = SelfCommand.For("gateway-host");
        await using var host = await GatewayProcess.StartAsync("alloc-host", fileName, arguments, run, ct);
        var results = new List<AllocationResult>();
        var buffer = new byte[64 * 1024];
        foreach (var scenario in scenarios.Where(s => s.ViaGateway))
        {
            var (target, _) = targets.ForGateway(scenario, host.BaseUrl, "alloc");
            for (var i = 0; i < Math.Min(plan.AllocationRequests, 300); i++)
            {
                await Exchange.SendAsync(client, target, buffer, ct);
            }

            var before = await ReadAllocatedAsync(host.BaseUrl, ct);
            for (var i = 0; i < plan.AllocationRequests; i++)
            {
                var timing = await Exchange.SendAsync(client, target, buffer, ct);
                if (!timing.Succeeded)
                {
                    throw new InvalidOperationException($"Allocation run of {scenario.Id}: HTTP {timing.Status}.");
                }
            }

            var after = await ReadAllocatedAsync(host.BaseUrl, ct);
            var result = new AllocationResult(scenario.Id, target.Body.Length, (double)(after - before) / plan.AllocationRequests, plan.AllocationRequests);
            results.Add(result);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  [alloc] {scenario.Id,-8} {result.BytesPerRequest / 1024:0.0} KB allocated per request ({result.RatioToBody:0.00}× the {target.Body.Length / 1024.0:0.0} KB body)"));
        }

        return results;
    }

    private async Task<long> ReadAllocatedAsync(Uri host, CancellationToken ct)
    {
        var text = await client.GetStringAsync(new Uri(host, AllocationHost.AllocatedPath), ct);
        return long.Parse(text, CultureInfo.InvariantCulture);
    }
}
