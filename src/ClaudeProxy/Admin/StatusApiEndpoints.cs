using System.Text.Json.Nodes;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Observability;

namespace ClaudeProxy.Admin;

/// <summary><c>/api/ping</c> (latency of one or every channel, in parallel) and <c>/api/attempts</c> (recent upstream attempts).</summary>
public static class StatusApiEndpoints
{
    public static IEndpointRouteBuilder MapStatusApiEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/ping", (RequestDelegate)PingAllAsync);
        app.MapGet("/api/ping/{id}", (RequestDelegate)PingOneAsync);
        app.MapGet("/api/attempts", (RequestDelegate)AttemptsAsync);
        return app;
    }

    private static async Task PingAllAsync(HttpContext context)
    {
        var config = context.RequestServices.GetRequiredService<ConfigEditor>().Current;
        var ping = context.RequestServices.GetRequiredService<ChannelPing>();
        var results = await Task.WhenAll(config.Upstream.Select((channel, index) => ping.PingAsync(channel, index, context.RequestAborted)));
        await AdminJson.WriteAsync(context, new JsonArray([.. results.Select(r => (JsonNode)r)]));
    }

    private static async Task PingOneAsync(HttpContext context)
    {
        var config = context.RequestServices.GetRequiredService<ConfigEditor>().Current;
        int index;
        try
        {
            index = ChannelRef.Resolve(config, (string)context.Request.RouteValues["id"]!);
        }
        catch (ConfigEditException ex)
        {
            await AdminJson.WriteErrorAsync(context, ex);
            return;
        }

        var result = await context.RequestServices.GetRequiredService<ChannelPing>().PingAsync(config.Upstream[index], index, context.RequestAborted);
        await AdminJson.WriteAsync(context, result);
    }

    private static Task AttemptsAsync(HttpContext context)
    {
        var records = context.RequestServices.GetRequiredService<RecentAttempts>().Snapshot();
        var list = new JsonArray([.. records.Select(r => (JsonNode)new JsonObject
        {
            ["requestId"] = r.RequestId,
            ["startedAt"] = r.StartedAt,
            ["channelId"] = r.ChannelId,
            ["channelName"] = r.ChannelName,
            ["serviceType"] = r.ServiceType,
            ["key"] = r.KeyFingerprint,
            ["attempt"] = r.AttemptNumber,
            ["status"] = r.Status,
            ["failure"] = r.Failure.ToString(),
            ["latencyMs"] = Math.Round(r.Latency.TotalMilliseconds, 1),
            ["timeToFirstByteMs"] = r.TimeToFirstByte is { } ttfb ? Math.Round(ttfb.TotalMilliseconds, 1) : null,
        })]);
        return AdminJson.WriteAsync(context, list);
    }
}
