using ClaudeProxy.Configuration;

namespace ClaudeProxy.Routing.Health;

/// <summary>
/// Counts a capped key's requests across every instance that shares it (<c>maxConcurrency</c> slots and <c>rpm</c>
/// starts), so instances together keep to the channel's caps. Asked only for keys whose channel sets a cap, after
/// this instance's own count has room: the local count is part of the shared one, so a local "no" needs no asking.
/// </summary>
public interface ISharedKeyCaps
{
    /// <summary>
    /// Takes a slot on the key for the whole fleet. <see cref="SharedCapDecision.Unknown"/> when the shared count
    /// cannot be asked now (an outage, a slow answer): this instance's own count then decides alone. Bounded by a
    /// short wait of its own, so it takes no cancellation.
    /// </summary>
    ValueTask<SharedCapHold> TryTakeAsync(ChannelConfig channel, string apiKey);
}

public enum SharedCapDecision
{
    /// <summary>The shared count could not be asked: go by this instance's count.</summary>
    Unknown,

    Granted,

    /// <summary>Every instance together is at the key's <c>maxConcurrency</c> or <c>rpm</c>.</summary>
    Refused,
}

/// <summary>The answer of <see cref="ISharedKeyCaps.TryTakeAsync"/>, and the slot to give back when granted.</summary>
public readonly record struct SharedCapHold(SharedCapDecision Decision, IDisposable? Slot = null)
{
    public static readonly SharedCapHold Unknown = new(SharedCapDecision.Unknown);

    public static readonly SharedCapHold Refused = new(SharedCapDecision.Refused);
}
