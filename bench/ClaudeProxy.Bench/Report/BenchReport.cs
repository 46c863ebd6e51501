using ClaudeProxy.Bench.Measure;
using ClaudeProxy.Bench.PromptCache;

namespace ClaudeProxy.Bench.Report;

/// <summary>How the run was made: what a reader needs to reproduce or discount the numbers.</summary>
internal sealed record RunSettings(
    string Command,
    string Mode,
    bool RequestLogs,
    string GatewayEnvironment,
    string LoadGenerator,
    string LatencyClient,
    string Mock,
    IReadOnlyList<int> Levels,
    double LoadSeconds,
    double LatencySeconds,
    int PacedStreams,
    string AllocationMethod);

/// <summary>The peer's figures: start-up, idle RSS, and scenarios c and d.</summary>
internal sealed record PeerResult(string Name, double StartupMs, double IdleRssMb, IReadOnlyList<ScenarioResult> Scenarios, double RssAfterLoadMb);

/// <summary>Everything one run produced, as printed and as written to JSON; <see cref="Cache"/> is null when the cache scenario did not run.</summary>
internal sealed record BenchReport(
    DateTimeOffset StartedAt,
    double TotalSeconds,
    MachineInfo Machine,
    string LoadAverageAtEnd,
    RunSettings Settings,
    IReadOnlyList<ScenarioResult> Floors,
    IReadOnlyList<BuildResult> Builds,
    IReadOnlyList<AllocationResult> Allocations,
    IReadOnlyList<TranslationStepCost> TranslationSteps,
    PeerResult? Peer,
    IReadOnlyList<Overhead> Overheads,
    CacheResult? Cache,
    IReadOnlyList<TargetCheck> Targets);
