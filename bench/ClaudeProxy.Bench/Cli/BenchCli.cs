using System.CommandLine;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Mock;

namespace ClaudeProxy.Bench.Cli;

/// <summary>
/// The bench's commands: the benchmark itself (default), and two hidden modes the bench starts as
/// its own child processes: <c>mock</c> (the upstream) and <c>gateway-host</c> (allocation runs).
/// </summary>
internal static class BenchCli
{
    public static Task<int> RunAsync(string[] args)
    {
        var scenario = new Option<string>("--scenario", "-s")
        {
            Description = "a (floors), b (passthrough), c (→OpenAI JSON), d (→OpenAI stream), e (→Gemini stream), cache (prompt cache over a key pool per key strategy), a list like c,d, or all; fleet (REDIS_URL + USAGE_DB_URL against embedded, and the fleet-wide behaviour) runs alone.",
            DefaultValueFactory = _ => "all",
        };
        var peer = new Option<string>("--peer")
        {
            Description = "ccr: also run c and d against claude-code-router 2.0.0 (installed with npm into bench/peer/).",
            DefaultValueFactory = _ => "none",
        };
        peer.AcceptOnlyFromAmong("none", "ccr");
        var duration = new Option<double?>("--duration", "-d") { Description = "Seconds per load point and per latency run (default 3, quick 1)." };
        var json = new Option<string?>("--json") { Description = "Where to write the results as JSON (default bench/out/results.json)." };
        var build = new Option<string>("--build", "-b")
        {
            Description = "Which gateway builds to measure: native (Native AOT), jit (dotnet claude-proxy.dll) or both.",
            DefaultValueFactory = _ => "both",
        };
        build.AcceptOnlyFromAmong(GatewayBuilds.Native, GatewayBuilds.Jit, "both");
        var quick = new Option<bool>("--quick", "-q") { Description = "Smoke run: 1 s points, concurrency 1/8/64 only, fewer repeats; cache: 8 turns per conversation instead of 20." };
        var requestLogs = new Option<string>("--request-logs")
        {
            Description = "The gateway's per-request log lines (ENABLE_REQUEST_LOGS): on (the default, as shipped) or off.",
            DefaultValueFactory = _ => "on",
        };
        requestLogs.AcceptOnlyFromAmong("on", "off");
        var noInstall = new Option<bool>("--no-install") { Description = "Never apt-get install wrk; fall back to the in-process load generator." };
        var redisUrl = new Option<string?>("--redis-url") { Description = "fleet: use this Redis (redis://host:port, no password; emptied with FLUSHDB) instead of starting redis-server." };
        var usageDbUrl = new Option<string?>("--usage-db-url") { Description = "fleet: use this PostgreSQL database (postgres://user:pass@host:port/db) instead of starting a scratch cluster." };

        var root = new RootCommand("ClaudeProxy benchmark: added latency, throughput, streaming overhead, CPU and memory, against a mock upstream on loopback.")
        {
            scenario, peer, duration, json, build, quick, requestLogs, noInstall, redisUrl, usageDbUrl,
        };
        root.SetAction((parse, ct) => BenchRunner.RunAsync(
            new BenchOptions(
                parse.GetValue(scenario)!,
                parse.GetValue(peer)!,
                parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                parse.GetValue(json),
                parse.GetValue(build)!,
                parse.GetValue(quick),
                parse.GetValue(requestLogs) == "on",
                !parse.GetValue(noInstall),
                parse.GetValue(redisUrl),
                parse.GetValue(usageDbUrl)),
            ct));

        var port = new Option<int>("--port") { Required = true };
        var mock = new Command("mock", "Run the mock upstream on 127.0.0.1:PORT (started by the bench).") { port };
        mock.Hidden = true;
        mock.SetAction((parse, ct) => MockUpstreamHost.RunAsync(parse.GetValue(port), ct));
        root.Subcommands.Add(mock);

        var host = new Command("gateway-host", "Host the gateway in this process for allocation runs (started by the bench).") { Hidden = true };
        host.SetAction((_, ct) => AllocationHost.RunAsync(ct));
        root.Subcommands.Add(host);

        var rows = new Option<int>("--rows") { Description = "How many rows to generate (default 1,000,000).", DefaultValueFactory = _ => 1_000_000 };
        var folder = new Option<string>("--folder") { Description = "Where the database goes (default bench/out/usage).", DefaultValueFactory = _ => Path.Combine("bench", "out", "usage") };
        var usage = new Command("usage-store", "Time the usage API's stats and filtered log queries over generated request log rows.") { rows, folder };
        usage.SetAction((parse, ct) => UsageStore.UsageStoreBench.RunAsync(parse.GetValue(rows), parse.GetValue(folder)!, ct));
        root.Subcommands.Add(usage);

        var overheadBuild = new Option<string>("--build", "-b") { Description = "Which gateway build: native or jit (default native).", DefaultValueFactory = _ => GatewayBuilds.Native };
        overheadBuild.AcceptOnlyFromAmong(GatewayBuilds.Native, GatewayBuilds.Jit);
        var rounds = new Option<int>("--rounds") { Description = "Load points per side; the best of each counts (default 3).", DefaultValueFactory = _ => 3 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "wrk connections (default 8).", DefaultValueFactory = _ => 8 };
        var pointDuration = new Option<double>("--duration", "-d") { Description = "Seconds per load point (default 5).", DefaultValueFactory = _ => 5 };
        var overheadNoInstall = new Option<bool>("--no-install") { Description = "Never apt-get install wrk; fall back to the in-process load generator." };
        var metrics = new Command("metrics-overhead", "Scenario c with metrics on and off: the throughput ratio against issue 12's 5 % target.")
        {
            overheadBuild, rounds, concurrency, pointDuration, overheadNoInstall,
        };
        metrics.SetAction((parse, ct) => Metrics.MetricsOverheadBench.RunAsync(
            parse.GetValue(overheadBuild)!, parse.GetValue(rounds), parse.GetValue(concurrency), TimeSpan.FromSeconds(parse.GetValue(pointDuration)), !parse.GetValue(overheadNoInstall), ct));
        root.Subcommands.Add(metrics);

        var translatorsQuick = new Option<bool>("--quick") { Description = "BenchmarkDotNet's short run (3 iterations) instead of its default." };
        var translators = new Command("translators", "BenchmarkDotNet over the pure request mappers and stream translators: throughput and allocations, single-threaded.")
        {
            translatorsQuick,
        };
        translators.SetAction(parse => Translators.TranslatorBench.Run(parse.GetValue(translatorsQuick), Path.Combine("bench", "out", "translators")));
        root.Subcommands.Add(translators);

        var panelBuild = new Option<string>("--build", "-b") { Description = "Which gateway build serves the panel: native or jit (default native).", DefaultValueFactory = _ => GatewayBuilds.Native };
        panelBuild.AcceptOnlyFromAmong(GatewayBuilds.Native, GatewayBuilds.Jit);
        var loads = new Option<int>("--loads", "-n") { Description = "Cold loads to measure, each in a fresh browser context (default 10).", DefaultValueFactory = _ => 10 };
        var panel = new Command("panel-load", "The admin panel's first load in headless Chromium: first paint, sign-in form visible, bytes; against 2 s and 3,000,000 bytes Brotli.")
        {
            panelBuild, loads,
        };
        panel.SetAction((parse, ct) => PanelLoad.PanelLoadBench.RunAsync(parse.GetValue(panelBuild)!, Math.Max(1, parse.GetValue(loads)), ct));
        root.Subcommands.Add(panel);

        var gatewayBinary = new Option<string?>("--gateway") { Description = "A published native gateway to measure (default: publish this tree's into bench/out/native)." };
        var instructionScenarios = new Option<string>("--scenario", "-s") { Description = "Gateway scenarios to count (b, c, d, e or a list; default b).", DefaultValueFactory = _ => "b" };
        var fleetMode = new Option<bool>("--fleet") { Description = "Run the gateway with REDIS_URL and USAGE_DB_URL (the bench's own redis-server and PostgreSQL)." };
        var label = new Option<string?>("--label") { Description = "Name for the output lines and callgrind files (default: head, or the binary's folder)." };
        var instructions = new Command("instructions", "Instructions per request of the native gateway under callgrind: (120 requests − 20 requests) / 100.")
        {
            gatewayBinary, instructionScenarios, fleetMode, label,
        };
        instructions.SetAction((parse, ct) => Instructions.InstructionsBench.RunAsync(
            parse.GetValue(gatewayBinary), parse.GetValue(instructionScenarios)!, parse.GetValue(fleetMode), parse.GetValue(label), ct));
        root.Subcommands.Add(instructions);

        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) });
    }
}
