using System.Threading.Channels;

namespace ClaudeProxy.Observability.Events;

/// <summary>
/// One listener's queue of events: bounded, and when it is full the oldest event goes, so a listener
/// that reads slowly (or not at all) loses events of its own and never holds up anyone else.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly Channel<GatewayEvent> _queue;
    private readonly IReadOnlySet<string> _names;
    private readonly Action<EventSubscription> _unsubscribe;
    private long _dropped;

    internal EventSubscription(int capacity, IReadOnlySet<string> names, Action<EventSubscription> unsubscribe)
    {
        _names = names;
        _unsubscribe = unsubscribe;
        _queue = Channel.CreateBounded<GatewayEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            _ => Interlocked.Increment(ref _dropped));
    }

    public ChannelReader<GatewayEvent> Reader => _queue.Reader;

    /// <summary>Events dropped because this listener's queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Dispose()
    {
        _unsubscribe(this);
        _queue.Writer.TryComplete();
    }

    /// <summary>Never waits: with drop-oldest a write into an open queue always succeeds.</summary>
    internal void Offer(GatewayEvent gatewayEvent)
    {
        if (_names.Contains(gatewayEvent.Name))
        {
            _queue.Writer.TryWrite(gatewayEvent);
        }
    }

    internal bool Wants(string name) => _names.Contains(name);
}
