using System.Diagnostics.Metrics;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Observability.Metrics;

/// <summary>Counts every upstream attempt by channel and outcome (<c>success</c> or the failure kind).</summary>
public sealed class AttemptMetrics : IAttemptObserver
{
    private readonly Counter<long> _attempts;

    public AttemptMetrics(GatewayMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _attempts = meter.Meter.CreateCounter<long>("claude_proxy_upstream_attempts", description: "Upstream attempts by channel and outcome.");
    }

    public void OnAttempt(AttemptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_attempts.Enabled)
        {
            _attempts.Add(1, new KeyValuePair<string, object?>("channel", record.ChannelName), new KeyValuePair<string, object?>("outcome", MetricLabels.Outcome(record.Failure)));
        }
    }
}
