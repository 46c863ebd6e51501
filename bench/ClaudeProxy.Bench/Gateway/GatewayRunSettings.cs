using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Gateway;

/// <summary>What every gateway of one bench run shares: the mock, the access key, the logging choice.</summary>
internal sealed record GatewayRunSettings(BenchPaths Paths, Uri MockUrl, string AccessKey, bool RequestLogs);
