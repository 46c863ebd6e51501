using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Peer;

/// <summary>
/// claude-code-router 2.0.0 (npm), installed on request into the git-ignored <c>bench/peer/</c> and
/// configured for the same mock: one OpenAI-compatible provider, routed by default. Its own
/// logging is off (<c>LOG: false</c>), which favours it: the gateway keeps its request logs on.
/// </summary>
internal sealed class CcrPeer : IAsyncDisposable
{
    public const string Package = "@musistudio/claude-code-router";
    public const string Version = "2.0.0";

    private readonly ChildProcess _process;

    private CcrPeer(ChildProcess process, Uri baseUrl, TimeSpan startupTime)
    {
        _process = process;
        BaseUrl = baseUrl;
        StartupTime = startupTime;
    }

    public Uri BaseUrl { get; }

    public TimeSpan StartupTime { get; }

    public int Pid => _process.Pid;

    public static async Task<string> EnsureInstalledAsync(BenchPaths paths, TextWriter log, CancellationToken ct)
    {
        var bin = Path.Combine(paths.PeerDir, "node_modules", ".bin", "ccr");
        var manifest = Path.Combine(paths.PeerDir, "node_modules", "@musistudio", "claude-code-router", "package.json");
        if (File.Exists(bin) && File.Exists(manifest)
            && JsonNode.Parse(await File.ReadAllTextAsync(manifest, ct))?["version"]?.GetValue<string>() == Version)
        {
            return bin;
        }

        await log.WriteLineAsync($"Installing {Package}@{Version} with npm into bench/peer/ (git-ignored)…");
        Directory.CreateDirectory(paths.PeerDir);
        await CommandRunner.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--prefix", paths.PeerDir, $"{Package}@{Version}"],
            paths.PeerDir, paths.Out("logs", "npm-ccr.log"), ct);
        return File.Exists(bin) ? bin : throw new InvalidOperationException($"npm installed {Package} but {bin} is missing.");
    }

    public static async Task<CcrPeer> StartAsync(string ccrBin, Uri mockUrl, string accessKey, BenchPaths paths, CancellationToken ct)
    {
        var home = paths.Out("ccr-home");
        var port = FreePort.Next();
        WriteConfig(Path.Combine(home, ".claude-code-router", "config.json"), port, mockUrl, accessKey);
        var process = ChildProcess.Start("ccr", ccrBin, ["start"], new Dictionary<string, string> { ["HOME"] = home }, home, paths.Out("logs", "ccr.log"));
        try
        {
            var baseUrl = new Uri($"http://127.0.0.1:{port}");
            var startup = await ReadinessProbe.WaitAsync(process, new Uri(baseUrl, "/health"), TimeSpan.FromSeconds(60), ct);
            return new CcrPeer(process, baseUrl, startup);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static void WriteConfig(string path, int port, Uri mockUrl, string accessKey)
    {
        var config = new JsonObject
        {
            ["PORT"] = port,
            ["HOST"] = "127.0.0.1",
            ["APIKEY"] = accessKey,
            ["NON_INTERACTIVE_MODE"] = true,
            ["LOG"] = false,
            ["Providers"] = new JsonArray(new JsonObject
            {
                ["name"] = "mock",
                ["api_base_url"] = new Uri(mockUrl, "/v1/chat/completions").ToString(),
                ["api_key"] = "sk-bench-openai",
                ["models"] = new JsonArray("bench-openai"),
            }),
            ["Router"] = new JsonObject { ["default"] = "mock,bench-openai" },
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
