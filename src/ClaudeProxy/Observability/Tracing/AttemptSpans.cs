using System.Diagnostics;
using ClaudeProxy.Observability.Metrics;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Observability.Tracing;

/// <summary>
/// Records each upstream attempt as a child of the request span once the attempt is over, with its real
/// start and end, so the attempt loop needs no tracing code of its own. Attempts outside a request span
/// (nothing listening) are ignored after one check.
/// </summary>
public sealed class AttemptSpans : IAttemptObserver
{
    public void OnAttempt(AttemptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Activity.Current is not { } parent || !ReferenceEquals(parent.Source, GatewayTracing.Source))
        {
            return;
        }

        using var span = GatewayTracing.Source.StartActivity(GatewayTracing.AttemptSpanName, ActivityKind.Client, parent.Context, startTime: record.StartedAt);
        if (span is null)
        {
            return;
        }

        span.SetTag("claude_proxy.channel", record.ChannelName);
        span.SetTag("claude_proxy.channel_id", record.ChannelId);
        span.SetTag("claude_proxy.service_type", record.ServiceType);
        span.SetTag("claude_proxy.key", record.KeyFingerprint);
        span.SetTag("claude_proxy.attempt", record.AttemptNumber);
        span.SetTag("claude_proxy.outcome", MetricLabels.Outcome(record.Failure));
        if (record.Status is { } status)
        {
            span.SetTag("http.response.status_code", status);
        }

        if (record.Failure != FailureKind.None)
        {
            span.SetStatus(ActivityStatusCode.Error);
        }

        span.SetEndTime((record.StartedAt + record.Latency).UtcDateTime);
    }
}
