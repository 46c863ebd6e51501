using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// The behaviour half of the fleet scenario: three gateways of one build on the same Redis and PostgreSQL and
/// the mock, and one pass/fail row per fleet-wide promise (a–e). A check that breaks (an instance that stops
/// answering) is a MISS with the reason, and the others still run.
/// </summary>
internal sealed class FleetBehaviour(HttpClient client, GatewayRunSettings run, FleetBackends backends, FleetPlan plan, TextWriter log)
{
    private static readonly string[] Ids = ["bench-a", "bench-b", "bench-c"];

    public async Task<IReadOnlyList<TargetCheck>> RunAsync(GatewayLaunch launch, CancellationToken ct)
    {
        var nodes = new List<FleetNode>();
        try
        {
            foreach (var id in Ids)
            {
                var gateway = await GatewayProcess.StartAsync("fleet-" + id[^1], launch.FileName, launch.Arguments, run, ct,
                    path => FleetConfigFile.Write(path, run.MockUrl), backends.Environment(id));
                nodes.Add(new FleetNode(id, gateway, client, run.AccessKey));
            }

            foreach (var node in nodes)
            {
                if (await Polling.UntilAsync(() => node.ConnectedAsync(ct), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20), ct) is null)
                {
                    throw new InvalidOperationException($"{node.Id} did not connect to Redis within 30 s.");
                }
            }

            return await ChecksAsync(nodes, ct);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private async Task<IReadOnlyList<TargetCheck>> ChecksAsync(List<FleetNode> nodes, CancellationToken ct)
    {
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        var mock = new FleetMockCounts(client, run.MockUrl);
        var spread = new ConfigSpreadCheck(run.MockUrl);
        var checks = new List<TargetCheck>();
        await CheckAsync(checks, "(a) an admin edit on A is live on B and C",
            async () => [await spread.RunAsync("(a) an admin edit on A is live on B and C", a, [b, c], plan.Edits, ct)]);
        await CheckAsync(checks, "(b) one request log for the fleet",
            async () => [await SharedUsageCheck.RunAsync("(b) one request log for the fleet", nodes, plan.UsagePerInstance, ct)]);
        await CheckAsync(checks, "(c) a key refused with 429 on A is skipped by B",
            async () => [await SharedRestCheck.RunAsync("(c) a key refused with 429 on A is skipped by B", a, b, c, mock, ct)]);
        await CheckAsync(checks, "(d) Redis killed under load",
            () => RedisOutageCheck.RunAsync(nodes, backends.Redis, spread, plan.OutageLoad, ct));
        await CheckAsync(checks, "(e) maxConcurrency 1 holds across instances",
            async () => [await FleetCapCheck.RunAsync("(e) maxConcurrency 1 holds across instances", [a, b], mock, perInstance: 4, plan.CapLoad, ct)]);
        return checks;
    }

    private async Task CheckAsync(List<TargetCheck> checks, string name, Func<Task<IReadOnlyList<TargetCheck>>> check)
    {
        IReadOnlyList<TargetCheck> rows;
        try
        {
            rows = await check();
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException)
        {
            rows = [new TargetCheck(name, "", $"broke: {ex.Message.Split('\n')[0]}", false)];
        }

        foreach (var row in rows)
        {
            await log.WriteLineAsync($"  {row.Verdict,-4} {row.Name}: {row.Measured}");
        }

        checks.AddRange(rows);
    }
}
