namespace ClaudeProxy.Routing.Health;

/// <summary>
/// One channel's recent outcomes and circuit. Only failures that say something about the channel
/// (transient errors, network errors, timeouts) count toward opening the circuit; a bad or exhausted
/// key is that key's problem, and a bad request is the client's.
/// </summary>
internal sealed class ChannelHealthState
{
    public Lock Gate { get; } = new();

    public Dictionary<string, KeyHealthState> Keys { get; } = new(StringComparer.Ordinal);

    public Queue<(DateTimeOffset At, bool Failed)> Window { get; } = new();

    public CircuitState Circuit { get; set; }

    public DateTimeOffset OpenUntil { get; set; }

    public int TimesOpened { get; set; }

    public KeyHealthState Key(string apiKey)
    {
        if (!Keys.TryGetValue(apiKey, out var state))
        {
            state = new KeyHealthState();
            Keys[apiKey] = state;
        }

        return state;
    }
}
