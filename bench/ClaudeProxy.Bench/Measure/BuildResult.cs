namespace ClaudeProxy.Bench.Measure;

/// <summary>Start-up of one build: process creation to the first 200 from /health, and RSS one second later with no traffic.</summary>
internal sealed record StartupStats(int Runs, double P50Ms, double MinMs, double MaxMs, double IdleRssMb);

/// <summary>Everything measured for one build of the gateway.</summary>
internal sealed record BuildResult(
    string Build,
    string Description,
    double BuildSeconds,
    StartupStats Startup,
    IReadOnlyList<ScenarioResult> Scenarios,
    double RssAfterLoadMb,
    double PeakRssMb);
