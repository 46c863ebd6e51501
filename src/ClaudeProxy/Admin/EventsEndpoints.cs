using ClaudeProxy.Hosting;
using System.Globalization;
using System.Text;
using ClaudeProxy.Observability.Events;
using ClaudeProxy.Upstreams;

namespace ClaudeProxy.Admin;

/// <summary>
/// <c>GET /api/events[?types=request,health]</c>: a server-sent event stream of finished requests and
/// health changes for live views, with a <c>: ping</c> comment every <see cref="HeartbeatInterval"/> so
/// proxies keep it open. It ends when the client goes away or the gateway begins to stop.
/// </summary>
public static class EventsEndpoints
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapEventsEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/events", (RequestDelegate)StreamAsync);
        return app;
    }

    private static async Task StreamAsync(HttpContext context)
    {
        if (!TryParseTypes(context.Request.Query["types"], out var names, out var problem))
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var services = context.RequestServices;
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        using var subscription = services.GetRequiredService<EventHub>().Subscribe(names);
        using var heartbeat = new PeriodicTimer(HeartbeatInterval, services.GetRequiredService<TimeProvider>());
        EventStreamResponse.Begin(context);
        try
        {
            // Sent once subscribed: from here on the client misses nothing.
            await WriteAsync(context, ": connected\n\n", ending.Token);
            await PumpAsync(context, subscription, heartbeat, ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client left or the gateway is stopping: the response simply ends.
        }
    }

    private static async Task PumpAsync(HttpContext context, EventSubscription subscription, PeriodicTimer heartbeat, CancellationToken token)
    {
        // One wait of each kind stays outstanding across turns: a channel reader and a periodic timer take one waiter at a time.
        Task<bool>? readable = null;
        Task<bool>? tick = null;
        var droppedReported = 0L;
        var text = new StringBuilder();
        while (true)
        {
            readable ??= subscription.Reader.WaitToReadAsync(token).AsTask();
            tick ??= heartbeat.WaitForNextTickAsync(token).AsTask();
            await Task.WhenAny(readable, tick);
            text.Clear();
            if (readable.IsCompleted)
            {
                if (!await readable)
                {
                    return;
                }

                readable = null;
                while (subscription.Reader.TryRead(out var next))
                {
                    text.Append("event: ").Append(next.Name).Append("\ndata: ").Append(next.Data).Append("\n\n");
                }
            }

            if (tick.IsCompleted)
            {
                if (!await tick)
                {
                    return;
                }

                tick = null;
                text.Append(": ping\n\n");
            }

            var dropped = subscription.Dropped;
            if (dropped > droppedReported)
            {
                // A comment, so clients that do not care need not parse it; the panel may reload the log to fill the gap.
                text.Append(CultureInfo.InvariantCulture, $": dropped {dropped - droppedReported} events (reading too slowly)\n\n");
                droppedReported = dropped;
            }

            await WriteAsync(context, text.ToString(), token);
        }
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken token)
    {
        await context.Response.WriteAsync(text, token);
        await context.Response.Body.FlushAsync(token);
    }

    private static bool TryParseTypes(Microsoft.Extensions.Primitives.StringValues raw, out IReadOnlySet<string>? names, out string problem)
    {
        names = null;
        problem = "";
        if (raw.Count == 0)
        {
            return true;
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in raw.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!GatewayEvent.Names.Contains(part))
            {
                problem = $"types: expected a comma-separated list of {string.Join(", ", GatewayEvent.Names)}; got '{part}'";
                return false;
            }

            chosen.Add(part);
        }

        if (chosen.Count == 0)
        {
            problem = $"types: expected a comma-separated list of {string.Join(", ", GatewayEvent.Names)}";
            return false;
        }

        names = chosen;
        return true;
    }
}
