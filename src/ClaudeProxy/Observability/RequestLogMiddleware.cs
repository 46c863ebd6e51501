using ClaudeProxy.Proxy;

namespace ClaudeProxy.Observability;

/// <summary>One line per request (method, path, status, duration, request id). Never headers or bodies.</summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, TimeProvider timeProvider, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = timeProvider.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var path = LoggedPath(context.Request.Path.Value ?? "");
            if (!path.Equals("/health", StringComparison.Ordinal))
            {
                Log(context, path, started);
            }
        }
    }

    private void Log(HttpContext context, string path, long started)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var elapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var requestId = RequestIds.Get(context);
            var note = context.RequestAborted.IsCancellationRequested ? " (client went away)" : "";
            LogRequest(context.Request.Method, path, context.Response.StatusCode, elapsedMs, requestId, note);
        }
    }

    /// <summary>The path as logged: a key in <c>…/keys/{key}</c> (claude-proxy's API takes the raw key there) is never written out.</summary>
    internal static string LoggedPath(string path)
    {
        var keys = path.IndexOf("/keys/", StringComparison.OrdinalIgnoreCase);
        return keys < 0 || keys + 6 >= path.Length ? path : path[..(keys + 6)] + "***";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:0.0} ms [{RequestId}]{Note}")]
    private partial void LogRequest(string method, string path, int status, double elapsedMs, string requestId, string note);
}
