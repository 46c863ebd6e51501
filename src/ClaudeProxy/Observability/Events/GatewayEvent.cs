namespace ClaudeProxy.Observability.Events;

/// <summary>One event for live views: its SSE event name (<see cref="Request"/> or <see cref="Health"/>) and its JSON, serialized once for every subscriber.</summary>
public sealed record GatewayEvent(string Name, string Data)
{
    /// <summary>A finished request, as its request log item.</summary>
    public const string Request = "request";

    /// <summary>A key rested or is back, a circuit opened, turned half-open or closed.</summary>
    public const string Health = "health";

    public static IReadOnlyList<string> Names { get; } = [Request, Health];
}
