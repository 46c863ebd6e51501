using ClaudeProxy.Configuration;

namespace ClaudeProxy.Routing.Policies;

/// <summary>
/// One config snapshot compiled for routing: its active channels as <see cref="RoutedChannel"/>s in
/// tiers of equal priority, lowest first (see <see cref="ChannelOrder"/>). A snapshot never changes,
/// so neither does its table.
/// </summary>
public sealed class RoutingTable
{
    private RoutingTable(ProxyConfig config, IReadOnlyList<RoutedTier> tiers)
    {
        Config = config;
        Tiers = tiers;
        Promoted = tiers.SelectMany(t => t.Channels).Where(c => c.PromotionUntil is not null).MaxBy(c => c.PromotionUntil);
    }

    /// <summary>The active channel promoted last to end (a file may name several; the latest wins), whether or not its promotion is over.</summary>
    public RoutedChannel? Promoted { get; }

    public ProxyConfig Config { get; }

    public IReadOnlyList<RoutedTier> Tiers { get; }

    public static RoutingTable Build(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tiers = ChannelOrder.Tiers(config)
            .Select(tier => new RoutedTier([.. tier.Select(channel => new RoutedChannel(channel, config.LoadBalanceOf(channel.List)) { Doors = ChannelDoors.Of(config, channel) })]))
            .ToList();
        return new RoutingTable(config, tiers);
    }
}

/// <summary>Channels of one priority, in list order, and the key their weighted spread is kept under.</summary>
public sealed class RoutedTier(RoutedChannel[] channels)
{
    public IReadOnlyList<RoutedChannel> Channels { get; } = channels;

    /// <summary>The members' ids, which name the tier's spread state across snapshots that keep the same channels.</summary>
    public string SpreadKey { get; } = string.Join('|', channels.Select(c => c.Id));

    /// <summary>The members as the weighted spread takes them.</summary>
    public IReadOnlyList<(string Id, int Weight)> Weights { get; } = [.. channels.Select(c => (c.Id, c.Weight))];
}
