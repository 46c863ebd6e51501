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

    // The tiers depend only on the config snapshot, which never changes: computed once per snapshot.
    private TiersOfSnapshot? _tiers;

    public AttemptPlan Plan(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = configStore.Current;
        var ordered = new List<ChannelConfig>();
        var resting = new List<ChannelConfig>();
        foreach (var tier in TiersOf(config))
        {
            var eligible = tier
                .Where(c => c.ServiceType is not null && request.ServiceTypes.Contains(c.ServiceType) && ModelPattern.Matches(c.Models, request.Model))
                .ToList();
            foreach (var channel in SpreadByWeight(eligible))
            {
                (health.IsResting(channel) ? resting : ordered).Add(channel);
            }
        }

        // A resting channel is still better than no answer: it comes after every other one.
        var restingFrom = ordered.Count;
        ordered.AddRange(resting);
        return new ScheduledAttemptPlan(ordered, restingFrom, config.LoadBalance, _planServices);
    }

    private IReadOnlyList<IReadOnlyList<ChannelConfig>> TiersOf(ProxyConfig config)
    {
        var cached = Volatile.Read(ref _tiers);
        if (cached is not null && ReferenceEquals(cached.Config, config))
        {
            return cached.Tiers;
        }

        var tiers = ChannelOrder.Tiers(config);
        Volatile.Write(ref _tiers, new TiersOfSnapshot(config, tiers));
        return tiers;
    }

    private sealed record TiersOfSnapshot(ProxyConfig Config, IReadOnlyList<IReadOnlyList<ChannelConfig>> Tiers);

    /// <summary>One channel of the tier first, chosen by weight; the rest behind it as failover in list order.</summary>
    private List<ChannelConfig> SpreadByWeight(List<ChannelConfig> tier)
    {
        if (tier.Count <= 1)
        {
            return tier;
        }

        var spread = _tierSpreads.GetOrAdd(string.Join('|', tier.Select(c => c.Id)), _ => new SmoothWeightedRoundRobin());
        var first = spread.Pick([.. tier.Select(c => (c.Id ?? "", c.Weight ?? 1))]);
        return [tier[first], .. tier.Where((_, i) => i != first)];
    }
}
