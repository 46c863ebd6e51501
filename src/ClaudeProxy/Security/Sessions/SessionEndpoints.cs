using ClaudeProxy.Hosting;
using System.Globalization;
using System.Text.Json;
using ClaudeProxy.Admin;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Proxy;

namespace ClaudeProxy.Security.Sessions;

/// <summary>
/// <c>/api/session</c>, the web panel's login: POST exchanges the admin key for a session cookie,
/// GET says whether the cookie is a live session, DELETE ends it. These three check their own
/// credentials (<see cref="AccessKeyMiddleware"/> lets them through), since logging in cannot require
/// being logged in. A wrong key counts in <see cref="AuthFailureThrottle"/> exactly like a wrong API key.
/// </summary>
public static partial class SessionEndpoints
{
    public const string Path = "/api/session";

    /// <summary>A login body is one short key; anything larger is refused before it is read.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Path, (RequestDelegate)LoginAsync);
        app.MapGet(Path, (RequestDelegate)ShowAsync);
        app.MapDelete(Path, (RequestDelegate)LogoutAsync);
        return app;
    }

    /// <summary>True for the session requests that check their own credentials; every other method on the path still needs the key.</summary>
    public static bool AuthenticatesItself(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.Path.Value, Path, StringComparison.OrdinalIgnoreCase)
            && (HttpMethods.IsPost(request.Method) || HttpMethods.IsGet(request.Method) || HttpMethods.IsDelete(request.Method));
    }

    private static async Task LoginAsync(HttpContext context)
    {
        string presented;
        try
        {
            using var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
            using var json = JsonDocument.Parse(body.Memory);
            presented = AdminBody.RequiredString(json.RootElement, "key");
        }
        catch (JsonException ex)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, $"The request body is not valid JSON (expected {{\"key\": \"…\"}}): {ex.Message}");
            return;
        }
        catch (ConfigEditException ex)
        {
            await AdminJson.WriteErrorAsync(context, ex);
            return;
        }

        var services = context.RequestServices;
        var keys = services.GetRequiredService<GatewayKeys>();
        var throttle = services.GetRequiredService<AuthFailureThrottle>();
        var logger = Logger(context);
        var address = AuthFailureThrottle.AddressOf(context.Connection.RemoteIpAddress);

        // As at the API's doors, the right key is never refused, even from a locked-out address.
        if (keys.ForAdmin.Matches(presented))
        {
            var ticket = await services.GetRequiredService<ISessionStore>().CreateAsync();
            SessionCookie.Set(context, ticket, services.GetRequiredService<GatewaySettings>().SessionTtl);
            LogLoggedIn(logger, address);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (throttle.LockedFor(address) is { } remaining)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await GatewayErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, AnthropicErrorType.RateLimit,
                $"Too many failed logins from this address; try again in {seconds} s.");
            return;
        }

        if (throttle.RecordFailure(address))
        {
            LogLockedOut(logger, address, throttle.Limit, (int)throttle.Lockout.TotalSeconds);
        }

        await GatewayErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, keys.AdminIsSeparate
            ? "Wrong key: log in with the gateway's ADMIN_ACCESS_KEY."
            : "Wrong key: log in with the gateway's PROXY_ACCESS_KEY.");
    }

    private static async Task ShowAsync(HttpContext context)
    {
        var sessions = context.RequestServices.GetRequiredService<ISessionStore>();
        if (SessionCookie.Read(context.Request) is not { } token || await sessions.ExpiryOfAsync(token) is not { } expiresAt)
        {
            // Not counted as a failed check: the panel asks this on every start, logged in or not.
            await GatewayErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "No panel session: log in with POST /api/session.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, new SessionState(true, expiresAt), SessionJsonContext.Default.SessionState, context.RequestAborted);
    }

    private static async Task LogoutAsync(HttpContext context)
    {
        var sessions = context.RequestServices.GetRequiredService<ISessionStore>();
        if (SessionCookie.Read(context.Request) is { } token && await sessions.ExpiryOfAsync(token) is not null)
        {
            if (!PanelCsrfGuard.Allows(context.Request))
            {
                await GatewayErrors.WriteAsync(context, StatusCodes.Status403Forbidden, PanelCsrfGuard.MissingHeaderMessage);
                return;
            }

            await sessions.RemoveAsync(token);
            var logger = Logger(context);
            var address = AuthFailureThrottle.AddressOf(context.Connection.RemoteIpAddress);
            LogLoggedOut(logger, address);
        }

        // Without a live session there is nothing to end, but the browser may still hold a stale cookie.
        SessionCookie.Clear(context);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static ILogger Logger(HttpContext context) => context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionEndpoints));

    [LoggerMessage(Level = LogLevel.Information, Message = "Web panel login from {Address}")]
    private static partial void LogLoggedIn(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Web panel logout from {Address}")]
    private static partial void LogLoggedOut(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client address {Address} is locked out for {LockoutSeconds} s after {Failures} failed key checks and logins within a minute")]
    private static partial void LogLockedOut(ILogger logger, string address, int failures, int lockoutSeconds);
}
