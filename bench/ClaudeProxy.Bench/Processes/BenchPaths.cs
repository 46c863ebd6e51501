namespace ClaudeProxy.Bench.Processes;

/// <summary>Where things are: the repository, the git-ignored output folder, the peer's install folder.</summary>
internal sealed record BenchPaths(string RepoRoot)
{
    public string OutDir => Path.Combine(RepoRoot, "bench", "out");

    public string PeerDir => Path.Combine(RepoRoot, "bench", "peer");

    public string GatewayProject => Path.Combine(RepoRoot, "src", "ClaudeProxy", "ClaudeProxy.csproj");

    public string Out(params string[] parts) => Path.Combine([OutDir, .. parts]);

    public static BenchPaths Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ClaudeProxy.slnx")))
                {
                    return new BenchPaths(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("Run the bench from inside the ClaudeProxy repository (ClaudeProxy.slnx not found).");
    }
}
