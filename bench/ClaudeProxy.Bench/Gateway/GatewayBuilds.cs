using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Gateway;

/// <summary>Builds the gateway in Release the way it ships: Native AOT by <c>dotnet publish</c>, JIT by <c>dotnet build</c>.</summary>
internal static class GatewayBuilds
{
    public const string Native = "native";
    public const string Jit = "jit";

    public static async Task<GatewayLaunch> PrepareAsync(string build, BenchPaths paths, CancellationToken ct)
    {
        if (build == Native)
        {
            var output = paths.Out("native");
            var took = await CommandRunner.RunAsync("dotnet",
                ["publish", paths.GatewayProject, "-c", "Release", "-r", "linux-x64", "-o", output, "--nologo"],
                paths.RepoRoot, paths.Out("logs", "publish-native.log"), ct);
            return new GatewayLaunch(Native, Path.Combine(output, "claude-proxy"), [],
                $"Native AOT: dotnet publish src/ClaudeProxy -c Release -r linux-x64 -o bench/out/native", took.TotalSeconds);
        }

        var built = await CommandRunner.RunAsync("dotnet",
            ["build", paths.GatewayProject, "-c", "Release", "--nologo"],
            paths.RepoRoot, paths.Out("logs", "build-jit.log"), ct);
        var dll = Path.Combine(paths.RepoRoot, "src", "ClaudeProxy", "bin", "Release", "net10.0", "claude-proxy.dll");
        return new GatewayLaunch(Jit, "dotnet", [dll],
            "JIT: dotnet build -c Release src/ClaudeProxy, run as dotnet claude-proxy.dll", built.TotalSeconds);
    }
}
