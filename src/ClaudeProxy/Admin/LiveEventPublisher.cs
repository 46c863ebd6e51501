using ClaudeProxy.Observability.Events;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Admin;

/// <summary>
/// Feeds the <see cref="EventHub"/>: each request once the writer stored it (so it carries its log id),
/// each health change as it happens. Serializes only while someone listens.
/// </summary>
public sealed class LiveEventPublisher
{
    private readonly EventHub _hub;

    public LiveEventPublisher(EventHub hub, UsageWriter writer, HealthRegistry health)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(health);
        _hub = hub;
        writer.Stored += OnStored;
        health.Changed += OnHealthChanged;
    }

    private void OnStored(IReadOnlyList<RequestLogEntry> entries)
    {
        if (!_hub.Wants(GatewayEvent.Request))
        {
            return;
        }

        foreach (var entry in entries)
        {
            _hub.Publish(LiveEventJson.Request(entry));
        }
    }

    private void OnHealthChanged(HealthChange change)
    {
        if (_hub.Wants(GatewayEvent.Health))
        {
            _hub.Publish(LiveEventJson.Health(change));
        }
    }
}
