using System.Diagnostics.Metrics;
using ClaudeProxy.Configuration;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Observability.Metrics;

/// <summary>
/// Figures the gateway already keeps, read only when scraped: the keys resting per channel and the
/// request log entries dropped because the log queue was full.
/// </summary>
public sealed class StateMetrics
{
    public StateMetrics(GatewayMeter meter, ConfigStore configStore, HealthRegistry health, IUsageRecorder usage)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.Meter.CreateObservableGauge("claude_proxy_keys_resting", () => KeysResting(configStore, health),
            description: "API keys cooling down after a failure (429, quota, auth …), by channel.");
        meter.Meter.CreateObservableCounter("claude_proxy_log_entries_dropped", () => usage.Dropped,
            description: "Request log entries dropped because the log queue was full.");
    }

    private static List<Measurement<int>> KeysResting(ConfigStore configStore, HealthRegistry health)
    {
        var config = configStore.Current;
        var snapshots = health.Snapshot(config);
        var measurements = new List<Measurement<int>>(snapshots.Count);

        // Snapshot keeps the config's channel order.
        for (var i = 0; i < snapshots.Count; i++)
        {
            var resting = snapshots[i].Keys.Count(k => k.CoolingDown);
            measurements.Add(new Measurement<int>(resting, new KeyValuePair<string, object?>("channel", config.Upstream[i].DisplayName)));
        }

        return measurements;
    }
}
