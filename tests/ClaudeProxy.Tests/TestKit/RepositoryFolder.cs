namespace ClaudeProxy.Tests.TestKit;

/// <summary>Where the repository is: for its files under test (the Dockerfile, scripts) and the outputs kept under artifacts/.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = FindRoot();

    /// <summary>A file or folder of the repository, by its path from the root.</summary>
    public static string File(params string[] path) => System.IO.Path.Combine([Root, .. path]);

    public static string Artifacts(string name)
    {
        var path = System.IO.Path.Combine(Root, "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, "ClaudeProxy.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ClaudeProxy.slnx.");
    }
}
