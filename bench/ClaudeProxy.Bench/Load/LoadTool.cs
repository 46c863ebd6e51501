using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Load;

/// <summary>Picks the load generator: wrk when on PATH (installed with apt-get when the bench runs as root), else the in-process one.</summary>
internal static class LoadTool
{
    public static async Task<ILoadGenerator> ChooseAsync(BenchPaths paths, HttpClient client, bool allowInstall, TextWriter log, CancellationToken ct)
    {
        if (OnPath("wrk"))
        {
            return new WrkLoadGenerator(paths);
        }

        if (allowInstall && Environment.UserName == "root" && OnPath("apt-get"))
        {
            await log.WriteLineAsync("wrk is not installed: installing it with apt-get install -y wrk (Debian package).");
            try
            {
                await CommandRunner.RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "wrk"], paths.RepoRoot, paths.Out("logs", "apt-wrk.log"), ct,
                    new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
            }
            catch (InvalidOperationException ex)
            {
                await log.WriteLineAsync($"apt-get install wrk failed ({ex.Message.Split(Environment.NewLine)[0]}); trying after apt-get update.");
                await CommandRunner.RunAsync("apt-get", ["update"], paths.RepoRoot, paths.Out("logs", "apt-update.log"), ct);
                await CommandRunner.RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "wrk"], paths.RepoRoot, paths.Out("logs", "apt-wrk.log"), ct,
                    new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
            }

            if (OnPath("wrk"))
            {
                return new WrkLoadGenerator(paths);
            }
        }

        await log.WriteLineAsync("wrk is not available: using the in-process load generator (throughput figures will be lower).");
        return new InProcessLoadGenerator(client);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
