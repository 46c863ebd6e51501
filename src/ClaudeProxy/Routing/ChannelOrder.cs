using ClaudeProxy.Configuration;

namespace ClaudeProxy.Routing;

/// <summary>
/// The order channels are tried in: active channels by priority (absent: position in the list), and
/// a seed config's <c>currentUpstream</c> first when no channel declares a priority.
/// </summary>
public static class ChannelOrder
{
    public static IReadOnlyList<ChannelConfig> Of(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var channels = config.Upstream;
        var anyPriority = channels.Any(c => c.Priority is not null);
        var current = !anyPriority && config.CurrentUpstream >= 0 && config.CurrentUpstream < channels.Count ? config.CurrentUpstream : -1;
        return channels
            .Select((channel, index) => (channel, index))
            .Where(x => x.channel.IsActive)
            .OrderBy(x => x.index == current ? int.MinValue : x.channel.Priority ?? x.index)
            .ThenBy(x => x.index)
            .Select(x => x.channel)
            .ToList();
    }
}
