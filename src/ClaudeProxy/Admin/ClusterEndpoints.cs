using System.Text.Json.Nodes;
using ClaudeProxy.Fleet;

namespace ClaudeProxy.Admin;

/// <summary>
/// <c>GET /api/cluster</c>: the live instances sharing this one's Redis, with their version and load. Without
/// <c>REDIS_URL</c> the list is this instance alone; with Redis away it is this instance alone, marked so.
/// </summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/cluster", (RequestDelegate)ClusterAsync);
        return app;
    }

    private static async Task ClusterAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var status = services.GetRequiredService<InstanceStatus>();
        var redis = services.GetService<FleetRedis>();
        var membership = services.GetService<FleetMembership>();
        var self = status.Current();
        IReadOnlyList<InstanceBeat> live = [self];
        var shared = "off";
        if (redis is not null && membership is not null)
        {
            shared = "unreachable";
            try
            {
                if (redis.IsConnected)
                {
                    var beats = await membership.LiveAsync();
                    live = [self, .. beats.Where(beat => beat.Run != self.Run)];
                    shared = "connected";
                }
            }
            catch (Exception ex) when (FleetRedis.IsOutage(ex))
            {
                redis.Failed(ex);
            }
        }

        var instances = new JsonArray();
        foreach (var beat in live.OrderBy(beat => beat.Id, StringComparer.Ordinal).ThenBy(beat => beat.StartedAt))
        {
            instances.Add((JsonNode)new JsonObject
            {
                ["id"] = beat.Id,
                ["self"] = beat.Run == self.Run,
                ["run"] = beat.Run,
                ["version"] = beat.Version,
                ["commit"] = beat.Commit,
                ["startedAt"] = beat.StartedAt,
                ["lastSeen"] = beat.LastSeen,
                ["inFlight"] = beat.InFlight,
                ["requests"] = beat.Requests,
                ["duplicateId"] = live.Count(other => other.Id == beat.Id) > 1 || (beat.Run == self.Run && membership?.DuplicateRun is not null),
            });
        }

        await AdminJson.WriteAsync(context, new JsonObject
        {
            ["self"] = self.Id,
            ["redis"] = shared,
            ["instances"] = instances,
        });
    }
}
