using System.Globalization;
using ClaudeProxy.Bench.Fleet;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Load;
using ClaudeProxy.Bench.Measure;
using ClaudeProxy.Bench.Payloads;
using ClaudeProxy.Bench.Processes;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Instructions;

/// <summary>
/// <c>instructions</c>: instructions per request of the native gateway, which machine load does not move.
/// For each scenario the gateway runs twice under <c>valgrind --tool=callgrind</c>, serving 20 and then 120
/// sequential requests and stopped with SIGTERM (callgrind writes its counts at exit); the difference divided
/// by 100 is one request's cost, start-up and shutdown cancelling out. <c>--fleet</c> runs the gateway with
/// REDIS_URL and USAGE_DB_URL (its own instructions only, not Redis's or PostgreSQL's).
/// </summary>
internal static class InstructionsBench
{
    public const int Few = 20;
    public const int Many = 120;

    private const string AccessKey = GatewayRunSettings.BenchAccessKey;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string? gateway, string scenarioChoice, bool fleet, string? label, CancellationToken ct)
    {
        var log = Console.Out;
        try
        {
            await RunCoreAsync(gateway, scenarioChoice, fleet, label, log, ct);
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; every process the bench started has been stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"Benchmark failed: {ex.Message}");
            return 1;
        }
    }

    private static async Task RunCoreAsync(string? gateway, string scenarioChoice, bool fleet, string? label, TextWriter log, CancellationToken ct)
    {
        var paths = BenchPaths.Find();
        var scenarios = ScenarioCatalog.Select(scenarioChoice).Where(s => s.ViaGateway).ToList();
        if (scenarios.Count == 0)
        {
            throw new ArgumentException("instructions measures gateway scenarios: b, c, d or e.");
        }

        string binary;
        if (gateway is null)
        {
            await log.WriteLineAsync("publishing the gateway (Native AOT) in Release…");
            binary = (await GatewayBuilds.PrepareAsync(GatewayBuilds.Native, paths, ct)).FileName;
        }
        else
        {
            binary = Path.GetFullPath(gateway);
        }

        label ??= gateway is null ? "head" : Path.GetFileName(Path.GetDirectoryName(binary)) ?? "gateway";
        binary = await CallgrindBinary.PrepareAsync(binary, paths.Out("callgrind", label + "-bin"), paths.Out("logs", "objcopy.log"), ct);
        await log.WriteLineAsync($"gateway: {binary} ({(fleet ? "REDIS_URL + USAGE_DB_URL" : "embedded")}); load average {MachineInfo.LoadAverageNow()}");
        using var client = LoopbackHttp.CreateClient();
        var payloads = PayloadSet.Create(paths.Out("payloads"));
        await using var backends = fleet ? await FleetBackends.StartAsync(paths, null, null, ct) : null;
        var (mockFile, mockArgs) = SelfCommand.For("mock", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        await using var mock = ChildProcess.Start("mock", mockFile, mockArgs, new Dictionary<string, string>(), paths.RepoRoot, paths.Out("logs", "mock.log"));
        var mockUrl = new Uri($"http://127.0.0.1:{mockArgs[^1]}");
        await ReadinessProbe.WaitAsync(mock, new Uri(mockUrl, "/health"), TimeSpan.FromSeconds(30), ct);
        var run = new GatewayRunSettings(paths, mockUrl, AccessKey, RequestLogs: true);
        var targets = new TargetFactory(payloads, mockUrl, AccessKey);

        foreach (var scenario in scenarios)
        {
            var few = await CountAsync(binary, label, scenario, Few, run, targets, client, backends, ct);
            var many = await CountAsync(binary, label, scenario, Many, run, targets, client, backends, ct);
            var perRequest = (many - few) / (double)(Many - Few);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {label} {scenario.Id}{(fleet ? " fleet" : "")}: {few:N0} instructions for {Few} requests, {many:N0} for {Many} → {perRequest / 1e6:0.000} M per request"));
        }
    }

    private static async Task<long> CountAsync(
        string binary, string label, Scenario scenario, int requests, GatewayRunSettings run, TargetFactory targets, HttpClient client, FleetBackends? backends, CancellationToken ct)
    {
        var name = $"callgrind-{label}-{scenario.Id}-{requests.ToString(CultureInfo.InvariantCulture)}";
        var output = run.Paths.Out("callgrind", name + ".out");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.Delete(output);
        await using var gateway = await GatewayProcess.StartAsync(name, "valgrind", ["--tool=callgrind", $"--callgrind-out-file={output}", binary], run, ct,
            extraEnvironment: backends?.Environment("bench-callgrind"));
        var (target, _) = targets.ForGateway(scenario, gateway.BaseUrl, name);
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < requests; i++)
        {
            var timing = await Exchange.SendAsync(client, target, buffer, ct);
            if (!timing.Succeeded)
            {
                throw new InvalidOperationException($"{name}: request {i + 1} answered HTTP {timing.Status}.");
            }
        }

        if (!await gateway.StopAsync(ExitTimeout, ct))
        {
            throw new TimeoutException($"{name}: the gateway did not exit within {ExitTimeout.TotalSeconds:0} s of SIGTERM.");
        }

        return CallgrindTotals.Read(output);
    }
}
