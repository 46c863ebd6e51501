namespace ClaudeProxy.Security.Sessions;

/// <summary>
/// The cookie that carries a panel session's token: HttpOnly (no script reads it), SameSite=Strict
/// (no other site's page sends it), Secure when the request came over HTTPS, for the whole site.
/// </summary>
public static class SessionCookie
{
    public const string Name = "claude_proxy_session";

    /// <summary>The token the request's cookie holds; null when it has none.</summary>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies.TryGetValue(Name, out var token) && !string.IsNullOrEmpty(token) ? token : null;
    }

    public static void Set(HttpContext context, SessionTicket ticket, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ticket);
        var options = Options(context.Request);
        options.MaxAge = maxAge;
        context.Response.Cookies.Append(Name, ticket.Token, options);
    }

    /// <summary>Tells the browser to drop the cookie at once.</summary>
    public static void Clear(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Options(context.Request);
        options.MaxAge = TimeSpan.Zero;
        options.Expires = DateTimeOffset.UnixEpoch;
        context.Response.Cookies.Append(Name, string.Empty, options);
    }

    private static CookieOptions Options(HttpRequest request) => new()
    {
        Path = "/",
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        IsEssential = true,
    };
}
