using System.Collections.Concurrent;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Routing.Policies;

namespace ClaudeProxy.Routing;

/// <summary>
/// Orders the attempts of a request: channels that serve its endpoint and model, tier by tier
/// (priority), spread by weight inside a tier (smooth weighted round-robin), channels whose circuit
/// is open last; inside a channel, keys by its strategy, skipping keys that rest.
/// </summary>
public sealed class UpstreamScheduler(
    ConfigStore configStore,
    HealthRegistry health,
    KeySelection keySelection,
    KeyDegradation degradation,
    GatewaySettings settings,
    TimeProvider timeProvider) : IUpstreamScheduler
{
    private readonly ConcurrentDictionary<string, SmoothWeightedRoundRobin> _tierSpreads = new(StringComparer.Ordinal);
    private readonly AttemptPlanServices _planServices = new(health, keySelection, degradation, settings, timeProvider);

    // A snapshot never changes: its routing table is built once, on the first request that sees it.
    private RoutingTable? _table;

    public AttemptPlan Plan(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = TableOf(configStore.Current);
        var ordered = new List<RoutedChannel>();
        var resting = new List<RoutedChannel>();
        var eligible = new List<RoutedChannel>();
        void Place(RoutedChannel channel) => (health.IsResting(channel.Config) ? resting : ordered).Add(channel);

        foreach (var tier in table.Tiers)
        {
            eligible.Clear();
            foreach (var channel in tier.Channels)
            {
                if (request.ServiceTypes.Contains(channel.ServiceType) && ModelPattern.Matches(channel.Config.Models, request.Model))
                {
                    eligible.Add(channel);
                }
            }

            var first = FirstByWeight(tier, eligible);

            // One channel of the tier first, chosen by weight; the rest behind it as failover in list order.
            if (first >= 0)
            {
                Place(eligible[first]);
            }

            for (var i = 0; i < eligible.Count; i++)
            {
                if (i != first)
                {
                    Place(eligible[i]);
                }
            }
        }

        // A resting channel is still better than no answer: it comes after every other one.
        var restingFrom = ordered.Count;
        ordered.AddRange(resting);
        return new ScheduledAttemptPlan(ordered, restingFrom, _planServices);
    }

    private RoutingTable TableOf(ProxyConfig config)
    {
        var cached = Volatile.Read(ref _table);
        if (cached is not null && ReferenceEquals(cached.Config, config))
        {
            return cached;
        }

        var table = RoutingTable.Build(config);
        Volatile.Write(ref _table, table);
        return table;
    }

    /// <summary>Which eligible channel of the tier goes first; the whole tier's spread key and weights are precomputed.</summary>
    private int FirstByWeight(RoutedTier tier, List<RoutedChannel> eligible) => eligible.Count switch
    {
        0 => -1,
        1 => 0,
        _ when eligible.Count == tier.Channels.Count => Spread(tier.SpreadKey).Pick(tier.Weights),
        _ => Spread(string.Join('|', eligible.Select(c => c.Id))).Pick([.. eligible.Select(c => (c.Id, c.Weight))]),
    };

    private SmoothWeightedRoundRobin Spread(string key) => _tierSpreads.GetOrAdd(key, static _ => new SmoothWeightedRoundRobin());
}
