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
    private const int RandomLength = 24;

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

        id = NewId();
        context.TraceIdentifier = id;
        return id;
    }

    /// <summary>
    /// A fresh id. An id names a request and guards nothing, so it comes from the process's seeded
    /// pseudo-random generator rather than the cryptographic source, which on Linux would load and
    /// initialise OpenSSL on the first request (about 4 MB resident) and call into it on every one.
    /// </summary>
    public static string NewId() => string.Create(Prefix.Length + RandomLength, 0, static (chars, _) =>
    {
        Prefix.CopyTo(chars);
        Random.Shared.GetItems(RandomTokens.Base62, chars[Prefix.Length..]);
    });
}
