using System.Diagnostics.Metrics;
using ClaudeProxy.Configuration;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Observability.Metrics;

/// <summary>
/// Figures the gateway already keeps, read only when scraped: per channel the keys resting, the keys
/// at their <c>maxConcurrency</c> or <c>rpm</c> cap and the upstream attempts in flight, and the
/// request log entries dropped because the log queue was full.
/// </summary>
public sealed class StateMetrics
{
    public StateMetrics(GatewayMeter meter, ConfigStore configStore, HealthRegistry health, IUsageRecorder usage)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.Meter.CreateObservableGauge("claude_proxy_keys_resting", () => PerChannel(configStore, health, keys => keys.Count(k => k.CoolingDown)),
            description: "API keys cooling down after a failure (429, quota, auth …) or until their learned limit resets, by channel.");
        meter.Meter.CreateObservableGauge("claude_proxy_keys_capped", () => PerChannel(configStore, health, keys => keys.Count(k => k.Capped)),
            description: "API keys at their channel's maxConcurrency or rpm cap, skipped until a slot frees, by channel.");
        meter.Meter.CreateObservableGauge("claude_proxy_upstream_in_flight", () => PerChannel(configStore, health, keys => keys.Sum(k => k.InFlight)),
            description: "Upstream attempts in progress on the channel's keys (streamed answers included), by channel.");
        meter.Meter.CreateObservableCounter("claude_proxy_log_entries_dropped", () => usage.Dropped,
            description: "Request log entries dropped because the log queue was full.");
    }

    private static List<Measurement<int>> PerChannel(ConfigStore configStore, HealthRegistry health, Func<IReadOnlyList<KeyHealthSnapshot>, int> figure)
    {
        var config = configStore.Current;
        var snapshots = health.Snapshot(config);
        var measurements = new List<Measurement<int>>(snapshots.Count);

        // Snapshot keeps the config's channel order.
        for (var i = 0; i < snapshots.Count; i++)
        {
            measurements.Add(new Measurement<int>(figure(snapshots[i].Keys), new KeyValuePair<string, object?>("channel", config.Upstream[i].DisplayName)));
        }

        return measurements;
    }
}
