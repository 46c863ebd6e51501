namespace ClaudeProxy.Tests.Panel;

/// <summary>Where the repository is, for the test outputs kept under artifacts/.</summary>
internal static class RepositoryFolder
{
    public static string Artifacts(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ClaudeProxy.slnx")))
            {
                var path = Path.Combine(folder.FullName, "artifacts", name);
                Directory.CreateDirectory(path);
                return path;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ClaudeProxy.slnx.");
    }
}
