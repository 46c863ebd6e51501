namespace ClaudeProxy.Bench.Cli;

/// <summary>What the user asked for on the command line.</summary>
internal sealed record BenchOptions(
    string Scenario,
    string Peer,
    TimeSpan? Duration,
    string? JsonPath,
    string Build,
    bool Quick,
    bool RequestLogs,
    bool AllowInstall,
    string? RedisUrl = null,
    string? UsageDbUrl = null);
