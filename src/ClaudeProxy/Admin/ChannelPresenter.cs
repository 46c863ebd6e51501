using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Policies;

namespace ClaudeProxy.Admin;

/// <summary>
/// Turns the channels of a config into what the admin API and the CLI show of them, so both surfaces
/// mask keys, and derive positions, defaults and the current channel, the same way.
/// </summary>
public static class ChannelPresenter
{
    public static PresentedChannel Present(ProxyConfig config, int index)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new PresentedChannel(config.Upstream[index], index, index == ChannelOrder.FirstIndex(config), DefaultDoors(config, config.Upstream[index]));
    }

    /// <summary>Every channel in list order; the current channel is worked out once for the whole list.</summary>
    public static IReadOnlyList<PresentedChannel> PresentAll(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var current = ChannelOrder.FirstIndex(config);
        return [.. config.Upstream.Select((channel, index) => new PresentedChannel(channel, index, index == current, DefaultDoors(config, channel)))];
    }

    // What the channel serves without a doors list of its own: it depends on the file list it is in, and on the file's other lists.
    private static IReadOnlyList<string> DefaultDoors(ProxyConfig config, ChannelConfig channel)
    {
        var doors = ChannelDoors.Of(config, channel with { Doors = null });
        return [.. ClientDoor.All.Where(doors.Contains)];
    }
}
