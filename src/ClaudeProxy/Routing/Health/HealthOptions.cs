namespace ClaudeProxy.Routing.Health;

/// <summary>When a channel's circuit opens and how long it rests.</summary>
public sealed record HealthOptions
{
    /// <summary>How far back outcomes count.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Fewer outcomes than this in the window never open the circuit.</summary>
    public int MinimumSamples { get; init; } = 4;

    /// <summary>The failure rate at or above which the circuit opens.</summary>
    public double FailureRateThreshold { get; init; } = 0.5;

    /// <summary>How long an opened circuit rests the first time; doubled each time it reopens, capped.</summary>
    public TimeSpan OpenDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxOpenDuration { get; init; } = TimeSpan.FromMinutes(5);
}
