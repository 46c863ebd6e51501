namespace ClaudeProxy.Panel;

/// <summary>
/// Serves the web panel at <c>/</c> and below: its files with their content types, the <c>.br</c>/<c>.gz</c>
/// sibling the client accepts, ETag revalidation, and index.html for the panel's own routes. Paths of the
/// server (<c>/api</c>, <c>/v1</c>, <c>/admin</c>, <c>/health</c>, <c>/metrics</c>) and requests that are not
/// for a page (<c>GET /</c> asking for JSON, the <c>HEAD /</c> probe) pass on to the endpoints.
/// </summary>
public sealed class PanelMiddleware(RequestDelegate next, IPanelFiles files, PanelPolicy policy)
{
    public const string IndexFile = "index.html";

    private static readonly string[] ServerPaths = ["/api", "/v1", "/admin", "/health", "/metrics"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if ((!isGet && !HttpMethods.IsHead(request.Method)) || IsServerPath(request.Path))
        {
            return next(context);
        }

        var path = (request.Path.Value ?? "/").TrimStart('/');
        if (path.Length > 0 && PanelContentTypes.For(path) is not null && files.Find(path) is { } file)
        {
            return ServeAsync(context, file, path);
        }

        // "/" and the panel's client-side routes are the page itself, for a browser asking for a page.
        if (isGet && AcceptsHtml(request) && files.Find(IndexFile) is { } index)
        {
            context.Response.Headers.Vary = "Accept, Accept-Encoding";
            return ServeAsync(context, index, IndexFile);
        }

        return next(context);
    }

    private async Task ServeAsync(HttpContext context, PanelFile file, string path)
    {
        var response = context.Response;
        var headers = response.Headers;
        var chosen = file;
        foreach (var (encoding, suffix) in ContentEncodingChoice.Acceptable(context.Request.Headers.AcceptEncoding))
        {
            if (files.Find(path + suffix) is { } compressed)
            {
                chosen = compressed;
                headers.ContentEncoding = encoding;
                break;
            }
        }

        if (string.IsNullOrEmpty(headers.Vary))
        {
            headers.Vary = "Accept-Encoding";
        }

        headers.ETag = chosen.ETag;
        headers.CacheControl = PanelCaching.For(path);
        PanelSecurityHeaders.Apply(headers, policy.Current());
        if (IfNoneMatch(context.Request, chosen.ETag))
        {
            headers.ContentEncoding = default;
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = PanelContentTypes.For(path);
        response.ContentLength = chosen.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var stream = chosen.Open();
        await stream.CopyToAsync(response.Body, context.RequestAborted);
    }

    private static bool IsServerPath(PathString path)
    {
        foreach (var prefix in ServerPaths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AcceptsHtml(HttpRequest request)
    {
        foreach (var value in request.Headers.Accept)
        {
            if (value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                if (candidate == "*" || candidate == etag || candidate == "W/" + etag)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
