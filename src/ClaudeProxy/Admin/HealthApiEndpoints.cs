
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Admin;

/// <summary><c>GET /api/health</c>: the detailed health of every channel and key, for the admin only (<c>/health</c> stays public and says nothing secret).</summary>
public static class HealthApiEndpoints
{
    public static IEndpointRouteBuilder MapHealthApiEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/health", (RequestDelegate)HealthAsync);
        return app;
    }

    private static Task HealthAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var config = services.GetRequiredService<ConfigEditor>().Current;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return AdminJson.WriteAsync(context, HealthView.Of(config, services.GetRequiredService<HealthRegistry>().Snapshot(config), now));
    }
}
