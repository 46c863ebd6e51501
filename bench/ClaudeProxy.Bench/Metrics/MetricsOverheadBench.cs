using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Load;
using ClaudeProxy.Bench.Measure;
using ClaudeProxy.Bench.Payloads;
using ClaudeProxy.Bench.Processes;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Metrics;

/// <summary>
/// What metrics cost: the large translated scenario (c) through two gateways of the same build, one
/// with <c>METRICS_ENABLED=true</c> (the default) and one with <c>false</c>, loaded in turn (the
/// order swapped every round, so drift on a shared machine hits both), best req/s of each side.
/// The "on" gateway is scraped once a second during its runs, as a busy Prometheus would.
/// Issue 12's target: metrics cost at most 5 % of that throughput.
/// </summary>
internal static class MetricsOverheadBench
{
    public const double MaxCostPercent = 5;

    private const string AccessKey = GatewayRunSettings.BenchAccessKey;

    public static async Task<int> RunAsync(string build, int rounds, int concurrency, TimeSpan duration, bool allowInstall, CancellationToken ct)
    {
        var log = Console.Out;
        try
        {
            await RunCoreAsync(build, rounds, concurrency, duration, allowInstall, log, ct);
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; every process the bench started has been stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
        {
            await Console.Error.WriteLineAsync($"Benchmark failed: {ex.Message}");
            return 1;
        }
    }

    private static async Task RunCoreAsync(string build, int rounds, int concurrency, TimeSpan duration, bool allowInstall, TextWriter log, CancellationToken ct)
    {
        var paths = BenchPaths.Find();
        var machine = MachineInfo.Read();
        await log.WriteLineAsync($"ClaudeProxy metrics overhead — scenario c ({ScenarioCatalog.Translated.Title}), {build} build, c={concurrency}, {rounds} rounds of {duration.TotalSeconds:0} s per side");
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"machine: {machine.Cpu}, {machine.LogicalCores} logical cores, Linux {machine.Kernel}, {machine.Runtime}; load average {machine.LoadAverage}"));

        using var client = LoopbackHttp.CreateClient();
        var load = await LoadTool.ChooseAsync(paths, client, allowInstall, log, ct);
        await log.WriteLineAsync($"load generator: {load.Description}");
        var payloads = PayloadSet.Create(paths.Out("payloads"));
        await log.WriteLineAsync($"building the gateway ({build}) in Release…");
        var launch = await GatewayBuilds.PrepareAsync(build, paths, ct);

        var (mockFile, mockArgs) = SelfCommand.For("mock", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        var mockPort = int.Parse(mockArgs[^1], CultureInfo.InvariantCulture);
        await using var mock = ChildProcess.Start("mock", mockFile, mockArgs, new Dictionary<string, string>(), paths.RepoRoot, paths.Out("logs", "mock.log"));
        var mockUrl = new Uri($"http://127.0.0.1:{mockPort}");
        await ReadinessProbe.WaitAsync(mock, new Uri(mockUrl, "/health"), TimeSpan.FromSeconds(30), ct);

        var targets = new TargetFactory(payloads, mockUrl, AccessKey);
        await using var on = await GatewayProcess.StartAsync("metrics-on", launch.FileName, launch.Arguments, new GatewayRunSettings(paths, mockUrl, AccessKey, RequestLogs: true, Metrics: true), ct);
        await using var off = await GatewayProcess.StartAsync("metrics-off", launch.FileName, launch.Arguments, new GatewayRunSettings(paths, mockUrl, AccessKey, RequestLogs: true, Metrics: false), ct);
        var onTarget = targets.ForGateway(ScenarioCatalog.Translated, on.BaseUrl, "metrics-on").Main;
        var offTarget = targets.ForGateway(ScenarioCatalog.Translated, off.BaseUrl, "metrics-off").Main;

        // A point's length of warm-up each: the JIT build keeps getting faster over its first thousand requests (tiering).
        var warmUp = duration > TimeSpan.FromSeconds(3) ? duration : TimeSpan.FromSeconds(3);
        await load.RunAsync(onTarget, concurrency, warmUp, ct);
        await load.RunAsync(offTarget, concurrency, warmUp, ct);

        var table = new TextTable("Scenario c with metrics on and off (req/s, wrk closed loop)", "round", "metrics on", "metrics off");
        var onPoints = new List<LoadPoint>();
        var offPoints = new List<LoadPoint>();
        for (var round = 1; round <= rounds; round++)
        {
            LoadPoint onPoint, offPoint;
            if (round % 2 == 1)
            {
                onPoint = await WithScrapesAsync(client, on.BaseUrl, () => load.RunAsync(onTarget, concurrency, duration, ct), ct);
                offPoint = await load.RunAsync(offTarget, concurrency, duration, ct);
            }
            else
            {
                offPoint = await load.RunAsync(offTarget, concurrency, duration, ct);
                onPoint = await WithScrapesAsync(client, on.BaseUrl, () => load.RunAsync(onTarget, concurrency, duration, ct), ct);
            }

            onPoints.Add(onPoint);
            offPoints.Add(offPoint);
            table.Add(round.ToString(CultureInfo.InvariantCulture), Cell(onPoint), Cell(offPoint));
        }

        var bestOn = onPoints.Max(p => p.RequestsPerSecond);
        var bestOff = offPoints.Max(p => p.RequestsPerSecond);
        table.Add("best", Rate(bestOn), Rate(bestOff));
        var costPercent = (1 - (bestOn / bestOff)) * 100;
        var errors = onPoints.Concat(offPoints).Sum(p => p.Errors);
        var counted = await CountedRequestsAsync(client, on.BaseUrl, ct);

        await log.WriteLineAsync();
        await log.WriteLineAsync(table.ToText());
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"on/off = {bestOn / bestOff:0.000}; metrics cost {costPercent:0.0} % of scenario c's throughput (target ≤ {MaxCostPercent:0} %): {(costPercent <= MaxCostPercent ? "PASS" : "MISS")}{(errors > 0 ? $" — {errors} errors, the figure is suspect" : "")}"));
        var (recordOn, recordOff) = MetricsRecordingCost.Measure();
        var onePerRequest = 1_000_000.0 * machine.LogicalCores / bestOff;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"in-process: recording one request's metrics takes {recordOn:0.00} µs of CPU with the SDK listening ({recordOff:0.00} µs off), {recordOn / onePerRequest * 100:0.000} % of the {onePerRequest:0} µs of machine CPU one request of c costs at {bestOff:0} req/s (everything on the machine counted)"));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"the metrics gateway counted {counted:0} requests in claude_proxy_requests_total (a check that it measured something). Load average at end {MachineInfo.LoadAverageNow()} on {machine.LogicalCores} cores."));
    }

    /// <summary>Runs a load point while scraping <c>/metrics</c> once a second, as a busy Prometheus would.</summary>
    private static async Task<LoadPoint> WithScrapesAsync(HttpClient client, Uri gateway, Func<Task<LoadPoint>> run, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var scrapes = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                await ScrapeAsync(client, gateway, stop.Token).ConfigureAwait(false);
            }
        }, stop.Token);
        try
        {
            return await run();
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await scrapes;
            }
            catch (OperationCanceledException)
            {
                // Stopped with the load point.
            }
        }
    }

    private static async Task<string> ScrapeAsync(HttpClient client, Uri gateway, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, "/metrics"));
        request.Headers.Add("x-api-key", AccessKey);
        using var response = await client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }

    private static async Task<double> CountedRequestsAsync(HttpClient client, Uri gateway, CancellationToken ct)
    {
        var text = await ScrapeAsync(client, gateway, ct);
        return text.Split('\n')
            .Where(l => l.StartsWith("claude_proxy_requests_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private static string Cell(LoadPoint point) => Rate(point.RequestsPerSecond) + (point.Errors > 0 ? $" ({point.Errors} errors)" : "");

    private static string Rate(double perSecond) => perSecond.ToString("0", CultureInfo.InvariantCulture);
}
