using ClaudeProxy.Proxy;

namespace ClaudeProxy.Security;

/// <summary>
/// Guards the proxy (<c>/v1</c>), the admin API (<c>/api</c>) and the seed's <c>/admin</c> paths with the
/// access key. <c>/health</c>, <c>HEAD /</c> and the panel's static files stay public.
/// </summary>
public sealed class AccessKeyMiddleware(RequestDelegate next, AccessKey accessKey)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsGuarded(context.Request.Path) || accessKey.Matches(PresentedKey.From(context.Request)))
        {
            return next(context);
        }

        return GatewayErrors.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "Invalid or missing access key: send the gateway's PROXY_ACCESS_KEY as x-api-key or Authorization: Bearer.");
    }

    private static bool IsGuarded(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
}
