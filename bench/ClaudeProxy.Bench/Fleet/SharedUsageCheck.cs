using System.Globalization;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// (b) One request log for the fleet: each instance serves a few requests of a model used for nothing else,
/// then every instance's <c>/api/logs</c> must list all of them, each row naming the instance that served it.
/// </summary>
internal static class SharedUsageCheck
{
    public const string Model = "bench-claude-usage";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task<TargetCheck> RunAsync(string name, IReadOnlyList<FleetNode> nodes, int perInstance, CancellationToken ct)
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        foreach (var node in nodes)
        {
            for (var i = 0; i < perInstance; i++)
            {
                var status = await node.SendMessageAsync(Model, ct);
                if (status != 200)
                {
                    return new TargetCheck(name, Goal, $"{node.Id} answered {status}", false);
                }
            }
        }

        var query = $"/api/logs?model={Model}&since={since}&limit=500";
        var lastSeen = "";
        var took = await Polling.UntilAsync(async () =>
        {
            foreach (var reader in nodes)
            {
                var items = (await reader.GetJsonAsync(query, ct))["items"]!.AsArray();
                var byInstance = nodes.Select(n => items.Count(i => (string?)i!["instance"] == n.Id)).ToList();
                lastSeen = $"{reader.Id} lists {string.Join("/", byInstance)}";
                if (byInstance.Any(count => count != perInstance))
                {
                    return false;
                }
            }

            return true;
        }, Deadline, TimeSpan.FromMilliseconds(50), ct);
        var sent = $"{perInstance} requests on each of {string.Join(", ", nodes.Select(n => n.Id))}";
        return took is { } delay
            ? new TargetCheck(name, Goal, string.Create(CultureInfo.InvariantCulture,
                $"{sent}: all {perInstance * nodes.Count} rows, by instance, in /api/logs on every instance {delay.TotalMilliseconds:0} ms after the last answer"), true)
            : new TargetCheck(name, Goal, string.Create(CultureInfo.InvariantCulture, $"{sent}: after {Deadline.TotalSeconds:0} s {lastSeen}"), false);
    }

    private static string Goal => "every instance's rows in one read on any instance";
}
