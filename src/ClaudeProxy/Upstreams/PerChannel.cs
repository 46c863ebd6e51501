using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// What an adapter derives from a channel's settings (its parsed URL, its reasoning style, how it sends
/// keys), derived once per config snapshot: every snapshot has its own <see cref="ChannelConfig"/>
/// objects, and an entry lives exactly as long as the channel object it was derived from.
/// </summary>
public sealed class PerChannel<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>
    where T : class
{
    private readonly ConditionalWeakTable<ChannelConfig, T> _derived = new();
    private readonly ConditionalWeakTable<ChannelConfig, T>.CreateValueCallback _derive;

    public PerChannel(Func<ChannelConfig, T> derive)
    {
        ArgumentNullException.ThrowIfNull(derive);
        _derive = channel => derive(channel);
    }

    public T For(ChannelConfig channel) => _derived.GetValue(channel, _derive);
}
