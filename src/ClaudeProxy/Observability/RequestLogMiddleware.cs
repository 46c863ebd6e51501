using ClaudeProxy.Hosting;
using System.Globalization;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Observability;

/// <summary>
/// One line per request: method, path, status, duration, request id — and for a request that went to a
/// channel, what its usage entry holds (model → channel/mapped model, masked key, tokens, cost, attempts).
/// Never headers or bodies. As in claude-proxy, ENABLE_REQUEST_LOGS covers the request's side (where it
/// went: model, channel, key, attempts) and ENABLE_RESPONSE_LOGS the answer's (status, time, tokens,
/// cost); with one of them off the line carries only the other's part. An instance that is one of several
/// (<see cref="GatewaySettings.NamesInstanceInLogs"/>) starts each line with its id in brackets, an <c>Instance</c>
/// field in JSON logs; a single gateway's lines have no such field.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, TimeProvider timeProvider, GatewaySettings settings, ILogger<RequestLogMiddleware> logger)
{
    private readonly string? _instance = settings.NamesInstanceInLogs ? settings.InstanceId : null;

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
            var method = context.Request.Method;
            var status = context.Response.StatusCode;
            if (context.Features.Get<Usage.RequestLogEntry>() is { } entry)
            {
                var cost = CostText(entry);
                var (model, channel, mappedModel, key) = (entry.Model ?? "-", entry.Channel ?? "-", entry.MappedModel ?? "-", entry.Key ?? "-");
                switch (settings.EnableRequestLogs, settings.EnableResponseLogs, _instance)
                {
                    case (true, true, null):
                        LogProxiedRequest(method, path, status, elapsedMs, model, channel, mappedModel, key,
                            entry.InputTokens, entry.OutputTokens, entry.CacheReadTokens, entry.CacheCreationTokens, cost,
                            entry.Attempts.Count, entry.RequestId, note);
                        break;
                    case (true, true, { } instance):
                        LogProxiedRequest(instance, method, path, status, elapsedMs, model, channel, mappedModel, key,
                            entry.InputTokens, entry.OutputTokens, entry.CacheReadTokens, entry.CacheCreationTokens, cost,
                            entry.Attempts.Count, entry.RequestId, note);
                        break;
                    case (true, false, null):
                        LogProxiedRoute(method, path, model, channel, mappedModel, key, entry.Attempts.Count, entry.RequestId, note);
                        break;
                    case (true, false, { } instance):
                        LogProxiedRoute(instance, method, path, model, channel, mappedModel, key, entry.Attempts.Count, entry.RequestId, note);
                        break;
                    case (_, _, null):
                        LogProxiedAnswer(method, path, status, elapsedMs, entry.InputTokens, entry.OutputTokens, entry.CacheReadTokens,
                            entry.CacheCreationTokens, cost, entry.RequestId, note);
                        break;
                    case (_, _, { } instance):
                        LogProxiedAnswer(instance, method, path, status, elapsedMs, entry.InputTokens, entry.OutputTokens, entry.CacheReadTokens,
                            entry.CacheCreationTokens, cost, entry.RequestId, note);
                        break;
                }

                return;
            }

            switch (settings.EnableResponseLogs, _instance)
            {
                case (true, null):
                    LogRequest(method, path, status, elapsedMs, requestId, note);
                    break;
                case (true, { } instance):
                    LogRequest(instance, method, path, status, elapsedMs, requestId, note);
                    break;
                case (false, null):
                    LogRequestOnly(method, path, requestId, note);
                    break;
                case (false, { } instance):
                    LogRequestOnly(instance, method, path, requestId, note);
                    break;
            }
        }
    }

    /// <summary>The cost as a person reads it: dollars, or why there is no figure.</summary>
    private static string CostText(Usage.RequestLogEntry entry) => entry switch
    {
        { CostUsd: { } cost } => "$" + cost.ToString("0.######", CultureInfo.InvariantCulture),
        { InputTokens: 0, OutputTokens: 0, CacheReadTokens: 0, CacheCreationTokens: 0 } => "no usage",
        _ => "cost unknown",
    };

    /// <summary>The path as logged: a key in <c>…/keys/{key}</c> (claude-proxy's API takes the raw key there) is never written out.</summary>
    internal static string LoggedPath(string path)
    {
        var keys = path.IndexOf("/keys/", StringComparison.OrdinalIgnoreCase);
        return keys < 0 || keys + 6 >= path.Length ? path : path[..(keys + 6)] + "***";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:0.0} ms {Model} → {Channel}/{MappedModel} key {Key} tokens in {InputTokens} out {OutputTokens} cache read {CacheReadTokens} written {CacheCreationTokens} {Cost} attempts {Attempts} [{RequestId}]{Note}")]
    private partial void LogProxiedRequest(string method, string path, int status, double elapsedMs, string model, string channel, string mappedModel, string key,
        long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens, string cost, int attempts, string requestId, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Model} → {Channel}/{MappedModel} key {Key} attempts {Attempts} [{RequestId}]{Note}")]
    private partial void LogProxiedRoute(string method, string path, string model, string channel, string mappedModel, string key, int attempts, string requestId, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:0.0} ms tokens in {InputTokens} out {OutputTokens} cache read {CacheReadTokens} written {CacheCreationTokens} {Cost} [{RequestId}]{Note}")]
    private partial void LogProxiedAnswer(string method, string path, int status, double elapsedMs, long inputTokens, long outputTokens, long cacheReadTokens,
        long cacheCreationTokens, string cost, string requestId, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} [{RequestId}]{Note}")]
    private partial void LogRequestOnly(string method, string path, string requestId, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:0.0} ms [{RequestId}]{Note}")]
    private partial void LogRequest(string method, string path, int status, double elapsedMs, string requestId, string note);

    // The same lines led by the instance's id, for an instance that is one of several.

    [LoggerMessage(Level = LogLevel.Information, Message = "[{Instance}] {Method} {Path} {Status} {ElapsedMs:0.0} ms {Model} → {Channel}/{MappedModel} key {Key} tokens in {InputTokens} out {OutputTokens} cache read {CacheReadTokens} written {CacheCreationTokens} {Cost} attempts {Attempts} [{RequestId}]{Note}")]
    private partial void LogProxiedRequest(string instance, string method, string path, int status, double elapsedMs, string model, string channel, string mappedModel, string key,
        long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens, string cost, int attempts, string requestId, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "[{Instance}] {Method} {Path} {Model} → {Channel}/{MappedModel} key {Key} attempts {Attempts} [{RequestId}]{Note}")]
    private partial void LogProxiedRoute(string instance, string method, string path, string model, string channel, string mappedModel, string key, int attempts, string requestId,
        string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "[{Instance}] {Method} {Path} {Status} {ElapsedMs:0.0} ms tokens in {InputTokens} out {OutputTokens} cache read {CacheReadTokens} written {CacheCreationTokens} {Cost} [{RequestId}]{Note}")]
    private partial void LogProxiedAnswer(string instance, string method, string path, int status, double elapsedMs, long inputTokens, long outputTokens, long cacheReadTokens,
        long cacheCreationTokens, string cost, string requestId, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "[{Instance}] {Method} {Path} [{RequestId}]{Note}")]
    private partial void LogRequestOnly(string instance, string method, string path, string requestId, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "[{Instance}] {Method} {Path} {Status} {ElapsedMs:0.0} ms [{RequestId}]{Note}")]
    private partial void LogRequest(string instance, string method, string path, int status, double elapsedMs, string requestId, string note);
}
