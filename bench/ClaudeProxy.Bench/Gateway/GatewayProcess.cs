using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Gateway;

/// <summary>One running gateway (either build, or the allocation host) with its own config, port and log.</summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private GatewayProcess(ChildProcess process, Uri baseUrl, TimeSpan startupTime)
    {
        _process = process;
        BaseUrl = baseUrl;
        StartupTime = startupTime;
    }

    public Uri BaseUrl { get; }

    public int Pid => _process.Pid;

    /// <summary>From process creation to the first 200 from <c>/health</c>.</summary>
    public TimeSpan StartupTime { get; }

    public static async Task<GatewayProcess> StartAsync(
        string name,
        string fileName,
        IReadOnlyList<string> arguments,
        GatewayRunSettings run,
        CancellationToken ct,
        Action<string>? writeConfig = null,
        IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var port = FreePort.Next();
        var workDir = run.Paths.Out("run", name);
        Directory.CreateDirectory(workDir);
        var configPath = Path.Combine(workDir, "config.json");
        if (writeConfig is null)
        {
            GatewayConfigFile.Write(configPath, run.MockUrl);
        }
        else
        {
            writeConfig(configPath);
        }

        var environment = GatewaySettingsEnv.For(port, configPath, run.AccessKey, run.RequestLogs, run.Metrics);
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = ChildProcess.Start(name, fileName, arguments, environment, workDir, run.Paths.Out("logs", name + ".log"));
        try
        {
            var baseUrl = new Uri($"http://127.0.0.1:{port}");
            var startup = await ReadinessProbe.WaitAsync(process, new Uri(baseUrl, "/health"), TimeSpan.FromSeconds(60), ct);
            return new GatewayProcess(process, baseUrl, startup);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Asks the gateway to stop (SIGTERM, as a service manager would) and waits for it to exit; false when it did not in time.</summary>
    public Task<bool> StopAsync(TimeSpan timeout, CancellationToken ct) => _process.TerminateAsync(timeout, ct);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
