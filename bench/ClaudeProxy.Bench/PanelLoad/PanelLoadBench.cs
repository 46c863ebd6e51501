using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Load;
using ClaudeProxy.Bench.Processes;
using ClaudeProxy.Bench.Report;
using Microsoft.Playwright;

namespace ClaudeProxy.Bench.PanelLoad;

/// <summary>
/// The admin panel's first load in a real browser: the Release gateway serving its embedded panel on
/// loopback, Debian's headless Chromium loading <c>/</c> N times, each in a fresh context (empty cache).
/// Targets: the sign-in form visible within 2 s (p50), and the first load at most 3,000,000 bytes as
/// Brotli (what a browser gets over HTTPS). Chromium asks plain-HTTP origins for gzip only, so the bytes
/// the browser counted here are gzip; both totals are printed.
/// </summary>
internal static class PanelLoadBench
{
    public const double SignInTargetMs = 2000;
    public const long FirstLoadTargetBytes = 3_000_000;

    private const string AccessKey = GatewayRunSettings.BenchAccessKey;
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string build, int loads, CancellationToken ct)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            await Console.Error.WriteLineAsync($"No Chromium at {chromium}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH. The bench never downloads a browser.");
            return 2;
        }

        try
        {
            await RunCoreAsync(build, loads, chromium, Console.Out, ct);
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; every process the bench started has been stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException or PlaywrightException)
        {
            await Console.Error.WriteLineAsync($"Benchmark failed: {ex.Message}");
            return 1;
        }
    }

    private static async Task RunCoreAsync(string build, int loads, string chromium, TextWriter log, CancellationToken ct)
    {
        var paths = BenchPaths.Find();
        var machine = MachineInfo.Read();
        await log.WriteLineAsync($"ClaudeProxy panel first load — {build} build, {loads} cold loads in headless Chromium ({chromium})");
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"machine: {machine.Cpu}, {machine.LogicalCores} logical cores, Linux {machine.Kernel}, {machine.Runtime}; load average {machine.LoadAverage}"));
        await log.WriteLineAsync($"building the gateway ({build}) in Release, with the panel it embeds…");
        var launch = await GatewayBuilds.PrepareAsync(build, paths, ct);

        // The panel needs no upstream: the config's channels point at a port nothing listens on.
        var noUpstream = new Uri("http://127.0.0.1:9");
        await using var gateway = await GatewayProcess.StartAsync("panel-load", launch.FileName, launch.Arguments, new GatewayRunSettings(paths, noUpstream, AccessKey, RequestLogs: false), ct);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });

        // One load first, not counted: the gateway reads its embedded files and the browser process warms up.
        var (warmUp, files) = await PanelLoadProbe.LoadAsync(browser, gateway.BaseUrl, LoadTimeout);
        var table = new TextTable("Cold loads of / (fresh browser context each; ms from navigation start)", "load", "first contentful paint", "sign-in form visible", "bytes received (gzip)", "files");
        table.Add("warm-up", Ms(warmUp.FirstContentfulPaintMs), Ms(warmUp.SignInVisibleMs), Bytes(warmUp.TransferredBytes), Count(warmUp.Files));
        var samples = new List<PanelLoadSample>();
        for (var i = 1; i <= loads; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (sample, _) = await PanelLoadProbe.LoadAsync(browser, gateway.BaseUrl, LoadTimeout);
            samples.Add(sample);
            table.Add(Count(i), Ms(sample.FirstContentfulPaintMs), Ms(sample.SignInVisibleMs), Bytes(sample.TransferredBytes), Count(sample.Files));
        }

        var fcp = Percentiles.Of(samples.Select(s => s.FirstContentfulPaintMs));
        var signIn = Percentiles.Of(samples.Select(s => s.SignInVisibleMs));
        var received = Percentiles.Of(samples.Select(s => (double)s.TransferredBytes));
        table.Add("p50", Ms(fcp.P50), Ms(signIn.P50), Bytes(received.P50), "");
        table.Add("p90", Ms(fcp.P90), Ms(signIn.P90), Bytes(received.P90), "");
        table.Add("max", Ms(fcp.Max), Ms(signIn.Max), Bytes(received.Max), "");

        using var client = LoopbackHttp.CreateClient();
        var brotli = await CompressedSizes.TotalAsync(client, gateway.BaseUrl, files, "br", ct);
        var gzip = await CompressedSizes.TotalAsync(client, gateway.BaseUrl, files, "gzip", ct);

        await log.WriteLineAsync();
        await log.WriteLineAsync(table.ToText());
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"first load: {files.Count} files; {brotli:N0} bytes as Brotli (HTTPS), {gzip:N0} bytes as gzip (what plain HTTP to another host gets; information only)"));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"sign-in form visible p50 {signIn.P50:0} ms (target ≤ {SignInTargetMs:0} ms): {Verdict(signIn.P50 <= SignInTargetMs)}"));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"first load {brotli:N0} bytes as Brotli (target ≤ {FirstLoadTargetBytes:N0}): {Verdict(brotli <= FirstLoadTargetBytes)}"));
        await log.WriteLineAsync($"Load average at end {MachineInfo.LoadAverageNow()} on {machine.LogicalCores} cores.");
    }

    private static string Verdict(bool pass) => pass ? "PASS" : "MISS";

    private static string Ms(double ms) => ms < 0 ? "n/a" : ms.ToString("0", CultureInfo.InvariantCulture);

    private static string Bytes(double bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
