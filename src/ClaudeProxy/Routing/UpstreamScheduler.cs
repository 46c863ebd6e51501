using System.Collections.Concurrent;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Affinity;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Routing.Policies;

namespace ClaudeProxy.Routing;

/// <summary>
/// Orders the attempts of a request: channels that serve its door, endpoint and model, a promoted one first, then tier by tier
/// (priority), spread by weight inside a tier (smooth weighted round-robin, or for a request that
/// names a conversation, the channel it was last served by, else its weighted rendezvous choice),
/// channels whose circuit is open last; inside a channel, keys by its strategy, skipping keys that rest.
/// </summary>
public sealed class UpstreamScheduler(
    ConfigStore configStore,
    HealthRegistry health,
    KeySelection keySelection,
    KeyDegradation degradation,
    GatewaySettings settings,
    TimeProvider timeProvider,
    ConversationPins pins,
    BaseUrlRotation urls) : IUpstreamScheduler
{
    private readonly ConcurrentDictionary<string, SmoothWeightedRoundRobin> _tierSpreads = new(StringComparer.Ordinal);
    private readonly AttemptPlanServices _planServices = new(health, keySelection, degradation, settings, timeProvider, pins, urls);

    // A snapshot never changes: its routing table is built once, on the first request that sees it.
    private RoutingTable? _table;

    public AttemptPlan Plan(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = TableOf(configStore.Current);
        var pin = request.Conversation is { } conversation ? pins.Find(conversation) : null;
        var promoted = table.Promoted is { } candidate && timeProvider.GetUtcNow() < candidate.PromotionUntil && Serves(candidate, request) ? candidate : null;
        var ordered = new List<RoutedChannel>();
        var resting = new List<RoutedChannel>();
        var eligible = new List<RoutedChannel>();
        void Place(RoutedChannel channel) => (health.IsResting(channel.Config) ? resting : ordered).Add(channel);

        // A promoted channel goes before every tier, however its priority ranks it.
        if (promoted is not null)
        {
            Place(promoted);
        }

        foreach (var tier in table.Tiers)
        {
            eligible.Clear();
            foreach (var channel in tier.Channels)
            {
                if (channel != promoted && Serves(channel, request))
                {
                    eligible.Add(channel);
                }
            }

            var first = request.Conversation is { } key ? FirstForConversation(eligible, key, pin) : -1;
            if (first < 0)
            {
                first = FirstByWeight(tier, eligible);
            }

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
        return new ScheduledAttemptPlan(ordered, restingFrom, _planServices, request.Conversation, pin);
    }

    private static bool Serves(RoutedChannel channel, RouteRequest request) =>
        request.ServiceTypes.Contains(channel.ServiceType) && channel.Doors.Contains(request.Door) && ModelPattern.Matches(channel.Config.Models, request.Model);

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

    /// <summary>
    /// The conversation's channel among the eligible ones that are not resting: where it was last served,
    /// else the weighted rendezvous choice; -1 when all rest.
    /// </summary>
    private int FirstForConversation(List<RoutedChannel> eligible, ulong conversation, ConversationPin? pin)
    {
        var best = -1;
        var bestScore = double.MinValue;
        for (var i = 0; i < eligible.Count; i++)
        {
            var channel = eligible[i];
            if (health.IsResting(channel.Config))
            {
                continue;
            }

            if (pin is not null && pin.ChannelId == channel.Id)
            {
                return i;
            }

            var score = Rendezvous.Score(conversation, channel.IdHash, channel.Weight);
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }

        return best;
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
