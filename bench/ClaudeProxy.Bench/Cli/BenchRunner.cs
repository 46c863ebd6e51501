using System.Diagnostics;
using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Load;
using ClaudeProxy.Bench.Measure;
using ClaudeProxy.Bench.Payloads;
using ClaudeProxy.Bench.Peer;
using ClaudeProxy.Bench.PromptCache;
using ClaudeProxy.Bench.Processes;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Cli;

/// <summary>
/// One benchmark run from start to end: build the gateway, start the mock, measure the floors, each
/// build, the prompt cache across keys, the allocations and the peer, then print the tables and
/// targets and write the JSON.
/// Every process it started is killed on the way out, whatever happened.
/// </summary>
internal static class BenchRunner
{
    private const string AccessKey = GatewayRunSettings.BenchAccessKey;

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var log = Console.Out;
        try
        {
            return ScenarioCatalog.SelectsFleet(options.Scenario)
                ? await Fleet.FleetBench.RunAsync(options, log, ct)
                : await RunCoreAsync(options, log, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; every process the bench started has been stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or ArgumentException or IOException)
        {
            await Console.Error.WriteLineAsync($"Benchmark failed: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RunCoreAsync(BenchOptions options, TextWriter log, CancellationToken ct)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var paths = BenchPaths.Find();
        var machine = MachineInfo.Read();
        var plan = options.Quick ? MeasurePlan.Quick(options.Duration) : MeasurePlan.Full(options.Duration);
        var scenarioChoice = options.Peer == "ccr" && options.Scenario != "all" ? options.Scenario + ",c,d" : options.Scenario;
        var scenarios = ScenarioCatalog.Select(scenarioChoice);
        var cache = ScenarioCatalog.SelectsCache(scenarioChoice);
        string[] builds = options.Build == "both" ? [GatewayBuilds.Native, GatewayBuilds.Jit] : [options.Build];
        var viaGateway = scenarios.Any(s => s.ViaGateway);
        if (cache && !viaGateway)
        {
            // The key strategies behave the same on either build: the cache scenario alone needs just one.
            builds = [builds[0]];
        }

        await log.WriteLineAsync($"ClaudeProxy benchmark — {(options.Quick ? "quick" : "full")} run, scenarios {string.Join(' ', scenarios.Select(s => s.Id).Concat(cache ? [ScenarioCatalog.Cache] : []))}");
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"machine: {machine.Cpu}, {machine.LogicalCores} logical cores, {machine.MemoryGb:0.0} GB, Linux {machine.Kernel}, {machine.Runtime}; load average {machine.LoadAverage}"));
        await log.WriteLineAsync($"gateway request logs: {(options.RequestLogs ? "on (ENABLE_REQUEST_LOGS=true, the default)" : "off")}; ENV=production; everything on 127.0.0.1");

        using var client = LoopbackHttp.CreateClient();
        var load = await LoadTool.ChooseAsync(paths, client, options.AllowInstall, log, ct);
        await log.WriteLineAsync($"load generator: {load.Description}");
        var payloads = PayloadSet.Create(paths.Out("payloads"));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"payloads: small {payloads.Bytes(PayloadSet.Small).Length} B, Claude Code-shaped {payloads.Bytes(PayloadSet.Large).Length / 1024.0:0.0} KB (translated to OpenAI {payloads.Bytes(PayloadSet.UpstreamOpenAI).Length / 1024.0:0.0} KB, to Gemini {payloads.Bytes(PayloadSet.UpstreamGeminiStream).Length / 1024.0:0.0} KB)"));

        var launches = new List<GatewayLaunch>();
        if (viaGateway || cache)
        {
            foreach (var build in builds)
            {
                await log.WriteLineAsync($"building the gateway ({build}) in Release…");
                var launch = await GatewayBuilds.PrepareAsync(build, paths, ct);
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {launch.Description} ({launch.BuildSeconds:0} s)"));
                launches.Add(launch);
            }
        }

        var ccrBin = options.Peer == "ccr" ? await CcrPeer.EnsureInstalledAsync(paths, log, ct) : null;

        var (mockFile, mockArgs) = SelfCommand.For("mock", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        var mockPort = int.Parse(mockArgs[^1], CultureInfo.InvariantCulture);
        await using var mock = ChildProcess.Start("mock", mockFile, mockArgs, new Dictionary<string, string>(), paths.RepoRoot, paths.Out("logs", "mock.log"));
        var mockUrl = new Uri($"http://127.0.0.1:{mockPort}");
        await ReadinessProbe.WaitAsync(mock, new Uri(mockUrl, "/health"), TimeSpan.FromSeconds(30), ct);
        await log.WriteLineAsync($"mock upstream: separate process (pid {mock.Pid}) on {mockUrl}, answers at once, records nothing{(cache ? " (the cache scenario's per-key prompt caches aside)" : "")}");

        var run = new GatewayRunSettings(paths, mockUrl, AccessKey, options.RequestLogs);
        var targets = new TargetFactory(payloads, mockUrl, AccessKey);
        var measurer = new ScenarioMeasurer(client, load, plan, log);

        if (scenarios.Any(s => !s.ViaGateway))
        {
            await log.WriteLineAsync("floors (direct to the mock):");
        }

        var floors = new List<ScenarioResult>();
        foreach (var floor in scenarios.Where(s => !s.ViaGateway))
        {
            var (main, paced) = targets.ForFloor(floor);
            floors.Add(await measurer.MeasureAsync(floor, "mock", main, paced, [mock.Pid], ct));
        }

        var buildResults = new List<BuildResult>();
        foreach (var launch in viaGateway ? launches : [])
        {
            await log.WriteLineAsync($"gateway, {launch.Build} build:");
            buildResults.Add(await new BuildMeasurer(measurer, targets, run, plan, log).MeasureAsync(launch, scenarios, ct));
        }

        CacheResult? cacheResult = null;
        if (cache)
        {
            // The native build when it ran: the one that ships.
            var launch = launches.FirstOrDefault(l => l.Build == GatewayBuilds.Native) ?? launches[0];
            cacheResult = await new CacheScenario(client, run, options.Quick ? CachePlan.Quick() : CachePlan.Full(), log).RunAsync(launch, ct);
        }

        IReadOnlyList<AllocationResult> allocations = [];
        IReadOnlyList<TranslationStepCost> steps = [];
        if (viaGateway)
        {
            await log.WriteLineAsync("allocations (gateway hosted in a separate bench process):");
            allocations = await new AllocationMeasurer(client, targets, run, plan, log).MeasureAsync(scenarios, ct);
            steps = TranslationSteps.Measure(payloads);
        }

        PeerResult? peer = null;
        if (ccrBin is not null)
        {
            await log.WriteLineAsync($"peer: {CcrPeer.Package}@{CcrPeer.Version}");
            peer = await MeasurePeerAsync(ccrBin, paths, mockUrl, targets, new ScenarioMeasurer(client, load, PeerPlan(plan), log), ct);
        }

        var overheads = Overheads(floors, buildResults, peer);
        var report = new BenchReport(
            started,
            clock.Elapsed.TotalSeconds,
            machine,
            MachineInfo.LoadAverageNow(),
            Settings(options, plan, load),
            floors,
            buildResults,
            allocations,
            steps,
            peer,
            overheads,
            cacheResult,
            [.. TargetEvaluator.Evaluate(floors, buildResults, overheads, allocations, peer), .. cacheResult is null ? [] : CacheTargets.Evaluate(cacheResult)]);
        await WriteReportAsync(report, options, paths, log, ct);
        return 0;
    }

    /// <summary>The peer answers some 20 requests a second: it gets at least 3 s per point, so each figure rests on dozens of requests.</summary>
    private static MeasurePlan PeerPlan(MeasurePlan plan)
    {
        var atLeast = TimeSpan.FromSeconds(3);
        return plan with
        {
            LoadDuration = plan.LoadDuration < atLeast ? atLeast : plan.LoadDuration,
            LatencyDuration = plan.LatencyDuration < atLeast ? atLeast : plan.LatencyDuration,
        };
    }

    private static async Task<PeerResult> MeasurePeerAsync(string ccrBin, BenchPaths paths, Uri mockUrl, TargetFactory targets, ScenarioMeasurer measurer, CancellationToken ct)
    {
        const string Name = "ccr";
        await using var ccr = await CcrPeer.StartAsync(ccrBin, mockUrl, AccessKey, paths, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var pids = ProcStats.WithDescendants(ccr.Pid);
        var idleRss = ProcStats.RssBytes(pids) / 1048576.0;
        var results = new List<ScenarioResult>();
        foreach (var scenario in new[] { ScenarioCatalog.Translated, ScenarioCatalog.TranslatedStream })
        {
            // The peer is two orders of magnitude slower: the reported levels are enough.
            var (floor, _) = targets.ForFloor(ScenarioCatalog.ById(scenario.FloorId!));
            results.Add(await measurer.MeasureAsync(scenario, Name, targets.ForPeer(scenario, ccr.BaseUrl, Name), null, pids, ct, MeasurePlan.ReportedLevels, (floor, null)));
        }

        return new PeerResult(Name, ccr.StartupTime.TotalMilliseconds, idleRss, results, ProcStats.RssBytes(ProcStats.WithDescendants(ccr.Pid)) / 1048576.0);
    }

    private static List<Overhead> Overheads(List<ScenarioResult> floors, List<BuildResult> builds, PeerResult? peer)
    {
        var overheads = new List<Overhead>();
        foreach (var result in builds.SelectMany(b => b.Scenarios).Concat(peer?.Scenarios ?? []))
        {
            var floorId = ScenarioCatalog.ById(result.ScenarioId).FloorId;
            if (floors.FirstOrDefault(f => f.ScenarioId == floorId) is { } floor)
            {
                overheads.Add(Overhead.Between(result, floor));
            }
        }

        return overheads;
    }

    private static RunSettings Settings(BenchOptions options, MeasurePlan plan, ILoadGenerator load) => new(
        "dotnet run -c Release --project bench/ClaudeProxy.Bench -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
        options.Quick ? "quick" : "full",
        options.RequestLogs,
        "ENV=production, HOST=127.0.0.1, defaults otherwise",
        load.Description,
        "in-process HttpClient (SocketsHttpHandler), one keep-alive connection, every sample kept",
        "separate process: plain Kestrel, answers at once from pre-serialized payloads; streams in one write; paced streams one event per ms",
        plan.Levels,
        plan.LoadDuration.TotalSeconds,
        plan.LatencyDuration.TotalSeconds,
        plan.PacedStreams,
        "GC.GetTotalAllocatedBytes(precise) deltas in a separate process hosting GatewayApp.Build (JIT), over N sequential requests");

    private static Task WriteReportAsync(BenchReport report, BenchOptions options, BenchPaths paths, TextWriter log, CancellationToken ct) =>
        ReportFiles.WriteAsync(report, ReportTables.Build(report), ReportTables.Summary(report.Targets),
            new RunLoad(report.Machine, report.LoadAverageAtEnd, report.TotalSeconds), options.JsonPath ?? paths.Out("results.json"), log, ct);
}
