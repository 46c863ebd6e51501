using ClaudeProxy.Configuration;

namespace ClaudeProxy.Routing.Policies;

/// <summary>
/// Active channels in tiers of equal priority, lowest first (one without keys is among them, but gives no attempt). A channel's priority defaults to its
/// position in its file list (so list order is failover order); in a list that declares no
/// priorities, its "current" channel (<c>currentUpstream</c>, <c>currentResponsesUpstream</c>) goes first
/// and the rest follow as failover. In a file migrated from claude-proxy (<c>priorityZeroMeansPosition</c>),
/// a priority of 0 is claude-proxy's "not set" and also means the position.
/// </summary>
public static class ChannelOrder
{
    public static IReadOnlyList<IReadOnlyList<ChannelConfig>> Tiers(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Ranked(config)
            .Where(x => x.Channel.IsActive)
            .GroupBy(x => x.Priority)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<ChannelConfig>)[.. g.OrderBy(x => x.Index).Select(x => x.Channel)])
            .ToList();
    }

    /// <summary>
    /// The list position of the channel a Messages request goes to first (the "current" channel every view shows),
    /// or -1 when no channel is active.
    /// </summary>
    public static int FirstIndex(ProxyConfig config)
    {
        var first = Ranked(config)
            .Where(x => x.Channel.IsActive && ChannelDoors.Of(config, x.Channel).Contains(ClientDoor.Messages))
            .OrderBy(x => x.Priority)
            .ThenBy(x => x.Index)
            .FirstOrDefault();
        return first.Channel is null ? -1 : first.Index;
    }

    /// <summary>All active channels in tier order, list order inside a tier.</summary>
    public static IReadOnlyList<ChannelConfig> Of(ProxyConfig config) => [.. Tiers(config).SelectMany(t => t)];

    /// <summary>Every channel with its index in <see cref="ProxyConfig.Upstream"/> and the priority routing gives it.</summary>
    private static List<(ChannelConfig Channel, int Index, int Priority)> Ranked(ProxyConfig config)
    {
        var channels = config.Upstream;
        var zeroIsUnset = config.PriorityZeroMeansPosition == true;
        var ranked = new List<(ChannelConfig Channel, int Index, int Priority)>(channels.Count);
        foreach (var list in Enum.GetValues<ChannelList>())
        {
            var members = channels.Select((channel, index) => (channel, index)).Where(x => x.channel.List == list).ToList();
            var anyPriority = members.Any(x => x.channel.Priority is not null);
            var current = list switch
            {
                ChannelList.Messages => config.CurrentUpstream,
                ChannelList.Responses => config.CurrentResponsesUpstream ?? 0,
                _ => -1,
            };
            current = !anyPriority && current >= 0 && current < members.Count ? current : -1;
            for (var position = 0; position < members.Count; position++)
            {
                var (channel, index) = members[position];
                var priority = position == current ? int.MinValue
                    : channel.Priority is not { } set || (zeroIsUnset && set == 0) ? position
                    : set;
                ranked.Add((channel, index, priority));
            }
        }

        return ranked;
    }
}
