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
            var path = context.Request.Path.Value ?? "";
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:0.0} ms [{RequestId}]{Note}")]
    private partial void LogRequest(string method, string path, int status, double elapsedMs, string requestId, string note);
}
