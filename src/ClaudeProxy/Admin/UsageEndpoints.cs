using System.Data.Common;
using System.Text.Json;
using ClaudeProxy.Hosting;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Admin;

/// <summary>
/// The usage API: <c>/api/logs</c> (a page, newest first), <c>/api/logs/{id}</c>, <c>/api/stats</c>
/// and their CSV exports. The field names are the admin panel's contract. A store that cannot be read (its
/// database away) answers 503 with a plain message, while requests go on being served.
/// </summary>
public static partial class UsageEndpoints
{
    private const int ExportPage = LogQuery.MaxLimit;

    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/logs", Readable(LogsAsync));
        app.MapGet("/api/logs/export.csv", Readable(ExportLogsAsync));
        app.MapGet("/api/logs/{id}", Readable(LogAsync));
        app.MapGet("/api/stats", Readable(StatsAsync));
        app.MapGet("/api/stats/export.csv", Readable(ExportStatsAsync));
        return app;
    }

    public const string UnreadableMessage =
        "The request log cannot be read now: its database does not answer or fails. Requests are still served; the error is logged.";

    private static RequestDelegate Readable(RequestDelegate read) => async context =>
    {
        try
        {
            await read(context);
        }
        catch (DbException ex) when (!context.Response.HasStarted)
        {
            LogUnreadable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UsageEndpoints)), ex);
            await GatewayErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, AnthropicErrorType.Api, UnreadableMessage);
        }
    };

    private static IUsageStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IUsageStore>();

    private static Task LogsAsync(HttpContext context)
    {
        if (UsageQueryParser.Logs(context.Request.Query, out var problem) is not { } query)
        {
            return BadRequest(context, problem!);
        }

        return WriteJsonAsync(context, Store(context).QueryLogs(query), UsageApiJson.Type<LogPage>());
    }

    private static Task LogAsync(HttpContext context)
    {
        var raw = (string)context.Request.RouteValues["id"]!;
        if (!long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return BadRequest(context, "id: expected a log id (a whole number)");
        }

        return Store(context).Find(id) is { } entry
            ? WriteJsonAsync(context, entry, UsageApiJson.Type<RequestLogEntry>())
            : GatewayErrors.WriteAsync(context, StatusCodes.Status404NotFound, $"No request log entry has id {id}.");
    }

    private static Task StatsAsync(HttpContext context)
    {
        if (Stats(context, out var problem) is not { } stats)
        {
            return BadRequest(context, problem!);
        }

        return WriteJsonAsync(context, stats, UsageApiJson.Type<UsageStats>());
    }

    private static async Task ExportLogsAsync(HttpContext context)
    {
        if (UsageQueryParser.Logs(context.Request.Query, out var problem) is not { } query)
        {
            await BadRequest(context, problem!);
            return;
        }

        // Every matching entry, page by page along the cursor, so a long history streams in constant memory; the first
        // page is read before the answer starts, so a store that cannot be read still gets a proper error.
        var store = Store(context);
        query = query with { Limit = ExportPage };
        var page = store.QueryLogs(query);
        StartCsv(context, "logs.csv");
        await context.Response.WriteAsync(UsageCsv.LogHeader + "\r\n", context.RequestAborted);
        while (true)
        {
            foreach (var entry in page.Items)
            {
                await context.Response.WriteAsync(UsageCsv.LogLine(entry), context.RequestAborted);
            }

            if (page.Next is not { } next)
            {
                return;
            }

            query = query with { Before = next };
            page = store.QueryLogs(query);
        }
    }

    private static async Task ExportStatsAsync(HttpContext context)
    {
        if (Stats(context, out var problem) is not { } stats)
        {
            await BadRequest(context, problem!);
            return;
        }

        StartCsv(context, $"stats-{stats.Window}-{stats.By}.csv");
        await context.Response.WriteAsync(UsageCsv.StatsHeader + "\r\n", context.RequestAborted);
        foreach (var group in stats.Groups)
        {
            await context.Response.WriteAsync(UsageCsv.StatsLine(group, group.Name ?? ""), context.RequestAborted);
        }

        await context.Response.WriteAsync(UsageCsv.StatsLine(stats.Totals, UsageCsv.TotalsName), context.RequestAborted);
    }

    private static UsageStats? Stats(HttpContext context, out string? problem)
    {
        if (!UsageQueryParser.Stats(context.Request.Query, out var window, out var grouping, out problem))
        {
            return null;
        }

        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return Store(context).QueryStats(window, grouping, now) with { DroppedEntries = services.GetRequiredService<IUsageRecorder>().Dropped };
    }

    private static Task BadRequest(HttpContext context, string problem) =>
        GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, problem);

    private static void StartCsv(HttpContext context, string fileName)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The request log could not be read")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);

    private static async Task WriteJsonAsync(HttpContext context, object value, System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
