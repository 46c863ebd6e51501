using ClaudeProxy.Configuration;

namespace ClaudeProxy.Hosting;

/// <summary><c>/health</c>, the <c>HEAD /</c> probe Claude Code sends first, and <c>GET /</c> for clients not asking for the web panel.</summary>
public static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health", (RequestDelegate)WriteHealthAsync);
        app.MapMethods("/", [HttpMethods.Head], (RequestDelegate)(context => Task.CompletedTask));
        app.MapGet("/", (RequestDelegate)WriteInfoAsync);
        app.Map("/api/{**rest}", context => GatewayErrors.WriteAsync(context, StatusCodes.Status404NotFound,
            $"{context.Request.Method} {context.Request.Path} is not an endpoint of the admin API."));
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var config = services.GetRequiredService<ConfigStore>().Current;
        var settings = services.GetRequiredService<GatewaySettings>();
        var time = services.GetRequiredService<TimeProvider>();
        var started = services.GetRequiredService<GatewayStartTime>();
        var draining = services.GetRequiredService<ShutdownDrain>().Draining;
        var report = new HealthReport(draining ? "draining" : "healthy", time.GetUtcNow(), Math.Round(time.GetElapsedTime(started.Timestamp).TotalSeconds, 3),
            GatewayVersion.Current, BuildInfo.Current.Commit, settings.Environment, settings.InstanceId, new HealthConfigSummary(config.Upstream.Count, config.LoadBalance));
        context.Response.Headers.CacheControl = "no-store";

        // A load balancer stops sending new work here while in-flight requests finish.
        context.Response.StatusCode = draining ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return context.Response.WriteAsJsonAsync(report, GatewayJsonContext.Default.HealthReport);
    }

    private static Task WriteInfoAsync(HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<GatewaySettings>();
        var mode = !settings.EnableWebUi ? "API only"
            : Panel.PanelSetup.IsServed(context.RequestServices) ? "Web UI at / (open it in a browser) and API"
            : "Web UI not included in this build; API only";
        // The same URL is the panel for a browser: caches must keep the two answers apart.
        context.Response.Headers.Vary = "Accept";
        var info = new GatewayInfo("ClaudeProxy", GatewayVersion.Current, mode,
            new Dictionary<string, string>
            {
                ["health"] = "/health",
                ["messages"] = "/v1/messages",
                ["countTokens"] = "/v1/messages/count_tokens",
                ["chatCompletions"] = ClientProtocols.ChatCompletionsPath,
                ["responses"] = ClientProtocols.ResponsesPath,
                ["gemini"] = ClientProtocols.GeminiPrefix + "/models/{model}:generateContent",
                ["models"] = "/v1/models",
                ["admin"] = "/api",
            });
        return context.Response.WriteAsJsonAsync(info, GatewayJsonContext.Default.GatewayInfo);
    }
}
