using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ClaudeProxy.Observability.Metrics;

/// <summary>Wires the instruments, the OpenTelemetry meter provider and the Prometheus endpoint.</summary>
public static class MetricsRegistration
{
    public const string Path = "/metrics";

    /// <summary>
    /// The instruments are always registered (the forwarder feeds them); without METRICS_ENABLED nothing
    /// listens to them, so each measurement stops at an <c>Enabled</c> check.
    /// </summary>
    public static void AddGatewayMetrics(this IServiceCollection services, OpenTelemetryBuilder telemetry, GatewaySettings settings, string meterName)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(_ => new GatewayMeter(meterName));
        services.AddSingleton(_ => new ModelLabels());
        services.AddSingleton<RequestMetrics>();
        if (!settings.MetricsEnabled)
        {
            return;
        }

        services.AddSingleton<AttemptMetrics>();
        services.AddSingleton<IAttemptObserver>(sp => sp.GetRequiredService<AttemptMetrics>());
        services.AddSingleton<StateMetrics>();
        telemetry.WithMetrics(metrics => metrics
            .AddMeter(meterName)
            .AddPrometheusExporter(prometheus =>
            {
                // Every scrape sees the figures of that moment; scrapers come every few seconds at most.
                prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                // The label sets stay exactly the documented ones.
                prometheus.ScopeInfoEnabled = false;
            }));
    }

    /// <summary>Maps <c>GET /metrics</c>; the access-key middleware decides who may read it.</summary>
    public static void MapGatewayMetrics(this WebApplication app, GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.MetricsEnabled)
        {
            return;
        }

        // Observable instruments exist only once their owners are built; a scrape before the first request sees them too.
        app.Services.GetRequiredService<RequestMetrics>();
        app.Services.GetRequiredService<StateMetrics>();
        app.MapPrometheusScrapingEndpoint(Path);
    }
}
