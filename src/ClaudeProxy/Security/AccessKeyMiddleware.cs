using ClaudeProxy.Hosting;
using System.Globalization;
using ClaudeProxy.Configuration;
using ClaudeProxy.Observability.Metrics;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Security.Sessions;

namespace ClaudeProxy.Security;

/// <summary>
/// Guards the proxy (<c>/v1</c>, and Gemini's <c>/v1beta</c>) with the proxy key, and the admin API (<c>/api</c>) and the seed's
/// <c>/admin</c> paths with the admin key (the proxy key when no admin key is set), and so <c>/metrics</c>
/// unless METRICS_PUBLIC is set. <c>/health</c>,
/// <c>HEAD /</c> and the panel's static files stay public.
/// <para>
/// Failed checks are counted per client address (<see cref="AuthFailureThrottle"/>); a locked-out
/// address gets 429 with <c>retry-after</c> for a wrong key. A valid key is never refused, even from a
/// locked-out address: behind a reverse proxy or a shared NAT every client has the same address, and
/// refusing valid keys there would let anyone lock the owner out with ten bad requests a minute. What
/// protects the key from guessing is its strength (short and placeholder keys are warned about at start).
/// </para>
/// <para>
/// The admin door also opens for the web panel's session cookie (never <c>/v1</c>), with
/// <see cref="PanelCsrfGuard"/>'s header required on requests that change something. The login itself
/// (<see cref="SessionEndpoints"/>) checks its own credentials.
/// </para>
/// </summary>
public sealed partial class AccessKeyMiddleware(RequestDelegate next, GatewayKeys keys, AuthFailureThrottle throttle, ISessionStore sessions, GatewaySettings settings, ILogger<AccessKeyMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var door = DoorOf(context.Request.Path);
        if (door is null || (door == Door.Admin && SessionEndpoints.AuthenticatesItself(context.Request)))
        {
            return next(context);
        }

        var key = door == Door.Admin ? keys.ForAdmin : keys.Proxy;
        if (key.Matches(PresentedKey.From(context.Request)))
        {
            return next(context);
        }

        return door == Door.Admin && SessionCookie.Read(context.Request) is { } token
            ? WithSessionAsync(context, token)
            : Refuse(context, door.Value);
    }

    private async Task WithSessionAsync(HttpContext context, string token)
    {
        if (await sessions.ExpiryOfAsync(token) is not null)
        {
            await (PanelCsrfGuard.Allows(context.Request)
                ? next(context)
                : GatewayErrors.WriteAsync(context, StatusCodes.Status403Forbidden, PanelCsrfGuard.MissingHeaderMessage));
            return;
        }

        if (PresentedKey.From(context.Request).IsEmpty)
        {
            // A stale cookie and no key is a panel whose session ended (expiry, logout, restart), not a
            // guess: a 256-bit token cannot be guessed, so counting it protects nothing, while the open
            // tabs of a restarted gateway would push their shared address into lockout.
            await GatewayErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "The web panel session has expired or ended: log in again.");
            return;
        }

        await Refuse(context, Door.Admin);
    }

    /// <summary>A wrong or missing key: 401, counted toward the address's lockout, or 429 once it is locked out.</summary>
    private Task Refuse(HttpContext context, Door door)
    {
        var address = AuthFailureThrottle.AddressOf(context.Connection.RemoteIpAddress);
        if (throttle.LockedFor(address) is { } remaining)
        {
            return RefuseLockedOutAsync(context, remaining);
        }

        if (throttle.RecordFailure(address))
        {
            // This failure still gets its 401; the ones that follow get 429.
            LogLockedOut(address, throttle.Limit, (int)throttle.Lockout.TotalSeconds);
        }

        return GatewayErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, door == Door.Admin && keys.AdminIsSeparate
            ? "Invalid or missing admin key: send the gateway's ADMIN_ACCESS_KEY as x-api-key or Authorization: Bearer."
            : "Invalid or missing access key: send the gateway's PROXY_ACCESS_KEY as x-api-key or Authorization: Bearer.");
    }

    private static Task RefuseLockedOutAsync(HttpContext context, TimeSpan remaining)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return GatewayErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, AnthropicErrorType.RateLimit,
            $"Too many failed access-key checks from this address; try again in {seconds} s.");
    }

    private Door? DoorOf(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(ClientProtocols.GeminiPrefix, StringComparison.OrdinalIgnoreCase) ? Door.Proxy
        : path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) ? Door.Admin
        : path.StartsWithSegments(MetricsRegistration.Path, StringComparison.OrdinalIgnoreCase) && !settings.MetricsPublic ? Door.Admin
        : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client address {Address} is locked out for {LockoutSeconds} s after {Failures} failed access-key checks within a minute")]
    private partial void LogLockedOut(string address, int failures, int lockoutSeconds);

    private enum Door
    {
        Proxy,
        Admin,
    }
}
