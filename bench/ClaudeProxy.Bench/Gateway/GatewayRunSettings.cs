using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Gateway;

/// <summary>What every gateway of one bench run shares: the mock, the access key, the logging and metrics choices.</summary>
internal sealed record GatewayRunSettings(BenchPaths Paths, Uri MockUrl, string AccessKey, bool RequestLogs, bool Metrics = true)
{
    /// <summary>The access key every bench gateway is started with.</summary>
    public const string BenchAccessKey = "bench-access-key-0123456789";
}
