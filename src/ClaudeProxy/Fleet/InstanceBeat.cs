namespace ClaudeProxy.Fleet;

/// <summary>What an instance writes to Redis every beat, and what <c>/api/cluster</c> lists for each live instance.</summary>
public sealed record InstanceBeat(
    string Id,
    string Run,
    string Version,
    string? Commit,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeen,
    int InFlight,
    long Requests);
