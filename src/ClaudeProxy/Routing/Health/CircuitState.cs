namespace ClaudeProxy.Routing.Health;

/// <summary>A channel's circuit: closed (in use), open (skipped while it rests), half-open (one probe allowed).</summary>
public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
