namespace ClaudeProxy.Observability.Usage;

/// <summary>What the groups of a stats answer are: channels (by name), masked keys, or models as clients asked for them.</summary>
public enum StatsGrouping
{
    Channel,
    Key,
    Model,
}
