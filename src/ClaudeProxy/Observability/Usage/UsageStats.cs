namespace ClaudeProxy.Observability.Usage;

/// <summary>The stats answer: a window's totals, its groups (busiest first) and its series.</summary>
public sealed record UsageStats
{
    public required string Window { get; init; }

    public required string By { get; init; }

    public DateTimeOffset Since { get; init; }

    public DateTimeOffset Until { get; init; }

    public required UsageFigures Totals { get; init; }

    public required IReadOnlyList<UsageFigures> Groups { get; init; }

    public required IReadOnlyList<UsageSeriesPoint> Series { get; init; }

    /// <summary>Entries the recorder dropped because its queue was full, since the gateway started.</summary>
    public long DroppedEntries { get; init; }
}
