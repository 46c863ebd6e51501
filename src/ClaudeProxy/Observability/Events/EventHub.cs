namespace ClaudeProxy.Observability.Events;

/// <summary>
/// Fans events out to live listeners (<c>/api/events</c>). Publishing never blocks: each listener has a
/// bounded queue of its own. Publishers ask <see cref="Wants"/> first, so with nobody listening
/// nothing is serialized.
/// </summary>
public sealed class EventHub
{
    public const int DefaultCapacity = 1024;

    private readonly Lock _gate = new();
    private EventSubscription[] _subscriptions = [];

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Raised with the new count after a listener joins or leaves.</summary>
    public event Action<int>? SubscriberCountChanged;

    /// <summary>A new listener for the events named (all when null); dispose it to leave.</summary>
    public EventSubscription Subscribe(IReadOnlySet<string>? names = null, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new EventSubscription(capacity, names ?? new HashSet<string>(GatewayEvent.Names, StringComparer.Ordinal), Unsubscribe);
        lock (_gate)
        {
            Volatile.Write(ref _subscriptions, [.. _subscriptions, subscription]);
        }

        SubscriberCountChanged?.Invoke(SubscriberCount);

        return subscription;
    }

    /// <summary>True when some listener takes events of this name.</summary>
    public bool Wants(string name)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Wants(name))
            {
                return true;
            }
        }

        return false;
    }

    public void Publish(GatewayEvent gatewayEvent)
    {
        ArgumentNullException.ThrowIfNull(gatewayEvent);

        // A copy-on-write array: publishing takes no lock.
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Offer(gatewayEvent);
        }
    }

    private void Unsubscribe(EventSubscription subscription)
    {
        lock (_gate)
        {
            Volatile.Write(ref _subscriptions, [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))]);
        }

        SubscriberCountChanged?.Invoke(SubscriberCount);
    }
}
