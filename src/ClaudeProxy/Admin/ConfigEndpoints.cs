using ClaudeProxy.Hosting;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Proxy;
using ClaudeProxy.Security;

namespace ClaudeProxy.Admin;

/// <summary><c>/api/config</c>: reload from disk, export (keys masked unless asked), import (validated, atomic).</summary>
public static class ConfigEndpoints
{
    public static IEndpointRouteBuilder MapConfigEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/config/reload", (RequestDelegate)ReloadAsync);
        // claude-proxy's path, kept for its users' scripts (and, unlike there, behind the access key).
        app.MapPost("/admin/config/reload", (RequestDelegate)ReloadAsync);
        app.MapGet("/api/config/export", (RequestDelegate)ExportAsync);
        app.MapPost("/api/config/import", (RequestDelegate)ImportAsync);
        return app;
    }

    private static async Task ReloadAsync(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<ConfigStore>();
        IReadOnlyList<string> problems = [];
        void OnRejected(IReadOnlyList<string> p) => problems = p;
        store.Rejected += OnRejected;
        ConfigReloadOutcome outcome;
        try
        {
            outcome = store.Reload();
        }
        finally
        {
            store.Rejected -= OnRejected;
        }

        if (outcome == ConfigReloadOutcome.Rejected)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"The config file was not loaded; the last good config stays live: {string.Join("; ", problems)}");
            return;
        }

        var config = store.Current;
        await AdminJson.WriteAsync(context, new JsonObject
        {
            ["status"] = "success",
            ["outcome"] = outcome == ConfigReloadOutcome.Applied ? "applied" : "unchanged",
            ["config"] = new JsonObject { ["upstreamCount"] = config.Upstream.Count, ["loadBalance"] = config.LoadBalance },
        });
    }

    private static Task ExportAsync(HttpContext context)
    {
        var config = context.RequestServices.GetRequiredService<ConfigStore>().Current;
        if (!string.Equals(context.Request.Query["includeKeys"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return AdminJson.WriteAsync(context, ConfigMasking.Masked(config));
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.Body.WriteAsync(ConfigFileWriter.Serialize(config), context.RequestAborted).AsTask();
    }

    private static async Task ImportAsync(HttpContext context)
    {
        using var body = await RequestBody.ReadAsync(context.Request, AdminJson.MaxBodyBytes, context.RequestAborted);
        ProxyConfig imported;
        try
        {
            imported = ConfigParser.Parse(body.Span, "imported config");
        }
        catch (ConfigFileException ex)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, string.Join("; ", ex.Problems.DefaultIfEmpty(ex.Message)));
            return;
        }

        var editor = context.RequestServices.GetRequiredService<ConfigEditor>();
        await editor.EditAsync(context,
            current =>
            {
                var restored = ConfigMasking.RestoreCarriedSecrets(imported, current, "imported config");
                // Keys exported masked come back masked: they stand for the keys of the same channel.
                return restored with
                {
                    Upstream = [.. restored.Upstream.Select(c => c with { ApiKeys = KeyRef.Unmask(c.ApiKeys, current.Upstream.FirstOrDefault(x => x.Id is not null && x.Id == c.Id)) })],
                };
            },
            config => new JsonObject { ["status"] = "success", ["upstreamCount"] = config.Upstream.Count, ["loadBalance"] = config.LoadBalance });
    }
}
