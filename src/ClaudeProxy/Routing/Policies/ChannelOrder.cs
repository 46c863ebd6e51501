using ClaudeProxy.Configuration;

namespace ClaudeProxy.Routing.Policies;

/// <summary>
/// Active channels in tiers of equal priority, lowest first. A channel's priority defaults to its
/// position in the list (so list order is failover order); in a seed config that declares no
/// priorities, <c>currentUpstream</c> goes first and the rest follow as failover.
/// </summary>
public static class ChannelOrder
{
    public static IReadOnlyList<IReadOnlyList<ChannelConfig>> Tiers(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var channels = config.Upstream;
        var anyPriority = channels.Any(c => c.Priority is not null);
        var current = !anyPriority && config.CurrentUpstream >= 0 && config.CurrentUpstream < channels.Count ? config.CurrentUpstream : -1;
        return channels
            .Select((channel, index) => (channel, index, priority: index == current ? int.MinValue : channel.Priority ?? index))
            .Where(x => x.channel.IsActive)
            .GroupBy(x => x.priority)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<ChannelConfig>)[.. g.OrderBy(x => x.index).Select(x => x.channel)])
            .ToList();
    }

    /// <summary>
    /// The list position of the channel a request goes to first (the "current" channel every view shows),
    /// or -1 when no channel is active.
    /// </summary>
    public static int FirstIndex(ProxyConfig config)
    {
        var tiers = Tiers(config);
        return tiers.Count == 0 ? -1 : IndexOf(config, tiers[0][0]);
    }

    private static int IndexOf(ProxyConfig config, ChannelConfig channel)
    {
        for (var i = 0; i < config.Upstream.Count; i++)
        {
            if (ReferenceEquals(config.Upstream[i], channel))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>All active channels in tier order, list order inside a tier.</summary>
    public static IReadOnlyList<ChannelConfig> Of(ProxyConfig config) => [.. Tiers(config).SelectMany(t => t)];
}
