using System.Diagnostics;
using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// (d) Redis killed under load: every instance is loaded with scenario b's requests while Redis is killed
/// (SIGKILL) a quarter of the way in and started again, empty, on the same port a quarter later; every
/// answer must still be a 200. Then, once each instance says it is connected again, an admin edit must
/// spread as in (a).
/// </summary>
internal static class RedisOutageCheck
{
    private static readonly TimeSpan ReconnectDeadline = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<TargetCheck>> RunAsync(
        IReadOnlyList<FleetNode> nodes, RedisServer redis, ConfigSpreadCheck spread, TimeSpan duration, CancellationToken ct)
    {
        const string Lost = "(d) no request lost while Redis is killed and restarted";
        const string Again = "(d) sharing works again once Redis is back";
        if (!redis.Owned)
        {
            return [new TargetCheck(Lost, "0 failed", "not run: the bench does not own the Redis of --redis-url", null), new TargetCheck(Again, "", "not run", null)];
        }

        var load = StatusLoad.RunAsync(nodes, GatewayConfigFile.ClaudeModel, perInstance: 2, duration, ct);
        await Task.Delay(duration / 4, ct);
        await redis.KillAsync();
        var down = Stopwatch.StartNew();
        await Task.Delay(duration / 4, ct);
        await redis.StartAgainAsync(ct);
        var downFor = down.Elapsed;
        var back = Stopwatch.StartNew();
        var tally = await load;
        var lost = new TargetCheck(Lost, "0 failed",
            string.Create(CultureInfo.InvariantCulture, $"{tally.Total} requests on {nodes.Count} instances, Redis down {downFor.TotalMilliseconds:0} ms: {tally}"),
            tally.Total > 0 && tally.NotOk == 0);

        var reconnected = await Polling.UntilAsync(async () =>
        {
            foreach (var node in nodes)
            {
                if (!await node.ConnectedAsync(ct))
                {
                    return false;
                }
            }

            return true;
        }, ReconnectDeadline, TimeSpan.FromMilliseconds(20), ct);
        if (reconnected is null)
        {
            return [lost, new TargetCheck(Again, "reconnected, then an edit live everywhere ≤ 1 s", string.Create(CultureInfo.InvariantCulture, $"not every instance reconnected within {ReconnectDeadline.TotalSeconds:0} s"), false)];
        }

        var reconnectedAfter = back.Elapsed;
        var edit = await spread.RunAsync(Again, nodes[0], nodes.Skip(1).ToList(), edits: 1, ct);
        return [lost, edit with
        {
            Goal = "reconnected, then an edit live everywhere ≤ 1 s",
            Measured = string.Create(CultureInfo.InvariantCulture, $"all reconnected ≤ {reconnectedAfter.TotalSeconds:0.0} s after the restart; an edit then {edit.Measured}"),
        }];
    }
}
