using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace ClaudeProxy.Observability.Tracing;

/// <summary>Wires the attempt spans, and the OTLP exporter when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
public static class TracingRegistration
{
    public static void AddGatewayTracing(this IServiceCollection services, OpenTelemetryBuilder telemetry, GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(settings);

        // Always there: with no listener it returns at once, and a listener (a test, a profiler) gets the whole tree.
        services.AddSingleton<IAttemptObserver, AttemptSpans>();
        if (settings.OtlpEndpoint is not { } endpoint)
        {
            return;
        }

        telemetry.WithTracing(tracing => tracing
            .AddSource(GatewayTracing.SourceName)
            .AddOtlpExporter(otlp =>
            {
                // The other OTEL_EXPORTER_OTLP_* variables (protocol, headers) are read by the exporter itself.
                // The variable is a base address; an endpoint given in code is used as it is, so over HTTP
                // the traces path is added here as the exporter would add it to the variable.
                otlp.Endpoint = otlp.Protocol == OtlpExportProtocol.HttpProtobuf
                    ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/v1/traces")
                    : endpoint;
            }));
    }
}
