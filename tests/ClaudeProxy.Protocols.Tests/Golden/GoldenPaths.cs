namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// Where one provider's fixtures are (<c>fixtures/&lt;provider&gt;</c>): copied next to the test
/// assembly, and in the source tree (for <c>UPDATE_GOLDENS</c>).
/// </summary>
internal sealed class GoldenPaths
{
    private const string ProjectFile = "ClaudeProxy.Protocols.Tests.csproj";

    private GoldenPaths(string provider)
    {
        Provider = provider;
        OutputRoot = Path.Combine(AppContext.BaseDirectory, "fixtures", provider);
    }

    public static GoldenPaths OpenAI { get; } = new("openai");

    public static GoldenPaths Gemini { get; } = new("gemini");

    public static GoldenPaths Responses { get; } = new("responses");

    public string Provider { get; }

    public string OutputRoot { get; }

    public string SourceRoot => Path.Combine(FindProjectDirectory(), "fixtures", Provider);

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
