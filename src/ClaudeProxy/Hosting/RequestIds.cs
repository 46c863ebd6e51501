using ClaudeProxy.Security;

namespace ClaudeProxy.Hosting;

/// <summary>
/// The gateway's id for a request (<c>req_…</c>, like Anthropic's), in every error it produces and in its
/// logs. It is the request's <see cref="HttpContext.TraceIdentifier"/> (ASP.NET Core's
/// <c>IHttpRequestIdentifierFeature</c>), so the framework's own log scopes carry the same id.
/// </summary>
public static class RequestIds
{
    private const string Prefix = "req_";

    /// <summary>Gives the request its id as it enters the pipeline.</summary>
    public static Task Assign(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Get(context);
        return next(context);
    }

    public static string Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.TraceIdentifier;
        if (id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return id;
        }

        id = Prefix + RandomTokens.Base62String(24);
        context.TraceIdentifier = id;
        return id;
    }
}
