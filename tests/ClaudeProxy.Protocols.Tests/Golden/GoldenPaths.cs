namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>Where the OpenAI fixtures are: copied next to the test assembly, and in the source tree (for <c>UPDATE_GOLDENS</c>).</summary>
internal static class GoldenPaths
{
    private const string ProjectFile = "ClaudeProxy.Protocols.Tests.csproj";

    public static string OutputRoot { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "openai");

    public static string SourceRoot => Path.Combine(FindProjectDirectory(), "fixtures", "openai");

    private static string FindProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ProjectFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Cannot find {ProjectFile} above {AppContext.BaseDirectory}; UPDATE_GOLDENS needs the source tree.");
    }
}
