using System.Diagnostics;
using System.Globalization;
using ClaudeProxy.Bench.Cli;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Load;
using ClaudeProxy.Bench.Measure;
using ClaudeProxy.Bench.Payloads;
using ClaudeProxy.Bench.Processes;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// <c>--scenario fleet</c>: the cost of running as a fleet (scenario b embedded against REDIS_URL + USAGE_DB_URL,
/// same build, interleaved) and the fleet-wide behaviour as pass/fail rows. It starts its own redis-server and
/// PostgreSQL cluster (loopback, free ports, temp folders, removed at the end) unless given their URLs.
/// </summary>
internal static class FleetBench
{
    private const string AccessKey = GatewayRunSettings.BenchAccessKey;

    public static async Task<int> RunAsync(BenchOptions options, TextWriter log, CancellationToken ct)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var paths = BenchPaths.Find();
        var machine = MachineInfo.Read();
        var plan = options.Quick ? FleetPlan.Quick(options.Duration) : FleetPlan.Full(options.Duration);
        var build = options.Build == "both" ? GatewayBuilds.Native : options.Build;
        await log.WriteLineAsync($"ClaudeProxy benchmark — {(options.Quick ? "quick" : "full")} run, scenario fleet ({build} build)");
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"machine: {machine.Cpu}, {machine.LogicalCores} logical cores, {machine.MemoryGb:0.0} GB, Linux {machine.Kernel}, {machine.Runtime}; load average {machine.LoadAverage}"));
        await log.WriteLineAsync($"gateway request logs: {(options.RequestLogs ? "on (ENABLE_REQUEST_LOGS=true, the default)" : "off")}; ENV=production; everything on 127.0.0.1");

        using var client = LoopbackHttp.CreateClient();
        var load = await LoadTool.ChooseAsync(paths, client, options.AllowInstall, log, ct);
        await log.WriteLineAsync($"load generator: {load.Description}");
        var payloads = PayloadSet.Create(paths.Out("payloads"));
        await log.WriteLineAsync($"building the gateway ({build}) in Release…");
        var launch = await GatewayBuilds.PrepareAsync(build, paths, ct);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {launch.Description} ({launch.BuildSeconds:0} s)"));

        await using var backends = await FleetBackends.StartAsync(paths, options.RedisUrl, options.UsageDbUrl, ct);
        var redis = backends.Redis.Owned ? $"redis-server started by the bench on {backends.Redis.Url} (no persistence)" : $"given: {backends.Redis.Url} (emptied with FLUSHDB)";
        var postgres = options.UsageDbUrl is null ? "a scratch PostgreSQL cluster started by the bench (loopback, fsync off)" : "given by --usage-db-url";
        await log.WriteLineAsync($"Redis: {redis}");
        await log.WriteLineAsync($"PostgreSQL: {postgres}");

        var (mockFile, mockArgs) = SelfCommand.For("mock", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        var mockPort = int.Parse(mockArgs[^1], CultureInfo.InvariantCulture);
        await using var mock = ChildProcess.Start("mock", mockFile, mockArgs, new Dictionary<string, string>(), paths.RepoRoot, paths.Out("logs", "mock.log"));
        var mockUrl = new Uri($"http://127.0.0.1:{mockPort}");
        await ReadinessProbe.WaitAsync(mock, new Uri(mockUrl, "/health"), TimeSpan.FromSeconds(30), ct);
        await log.WriteLineAsync($"mock upstream: separate process (pid {mock.Pid}) on {mockUrl}");

        var run = new GatewayRunSettings(paths, mockUrl, AccessKey, options.RequestLogs);
        await log.WriteLineAsync("speed (scenario b; the floor, the embedded gateway and the fleet gateway side by side):");
        var speed = await new FleetSpeed(client, load, new TargetFactory(payloads, mockUrl, AccessKey), run, backends, plan, log).RunAsync(launch, ct);
        await log.WriteLineAsync("fleet-wide behaviour (three gateways on the same Redis and PostgreSQL):");
        var behaviour = await new FleetBehaviour(client, run, backends, plan, log).RunAsync(launch, ct);

        var report = new FleetReport(started, clock.Elapsed.TotalSeconds, machine, MachineInfo.LoadAverageNow(),
            "dotnet run -c Release --project bench/ClaudeProxy.Bench -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            options.RequestLogs, load.Description, redis, postgres, speed, FleetTargets.Evaluate(speed), behaviour);
        await WriteAsync(report, options, paths, log, ct);
        return 0;
    }

    private static Task WriteAsync(FleetReport report, BenchOptions options, BenchPaths paths, TextWriter log, CancellationToken ct)
    {
        var checks = report.SpeedTargets.Concat(report.Behaviour).ToList();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Fleet: {checks.Count(c => c.Pass == true)} PASS, {checks.Count(c => c.Pass == false)} MISS, {checks.Count(c => c.Pass is null)} not judged.");
        return ReportFiles.WriteAsync(report, report.Tables(), summary,
            new RunLoad(report.Machine, report.LoadAverageAtEnd, report.TotalSeconds), options.JsonPath ?? paths.Out("fleet.json"), log, ct);
    }
}
