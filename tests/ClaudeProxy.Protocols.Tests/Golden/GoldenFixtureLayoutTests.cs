using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>Every fixture folder has the files its kind needs, and each kind has fixtures at all (an empty theory would pass).</summary>
public sealed class GoldenFixtureLayoutTests
{
    private static readonly Dictionary<string, string[][]> RequiredFiles = new(StringComparer.Ordinal)
    {
        // Each inner array: at least one of these files must be present.
        [ChatRequestGoldenTests.Kind] = [["anthropic.json"], ["options.json"], ["expected.json", "expected-error.txt"]],
        [ChatResponseGoldenTests.Kind] = [["upstream.json"], ["context.json"], ["expected.json"]],
        [ChatStreamGoldenTests.Kind] = [["upstream.sse"], ["expected.sse"]],
        [ChatErrorGoldenTests.Kind] = [["upstream-status.txt"], ["upstream.body"], ["expected.json"]],
    };

    public static TheoryData<string> Kinds => [.. RequiredFiles.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FixtureFolders_OfEachKind_HaveTheRequiredFiles(string kind)
    {
        var folders = GoldenCase.CaseFolders(kind).ToList();
        Assert.NotEmpty(folders);
        var missing = new List<string>();
        foreach (var folder in folders)
        {
            foreach (var alternatives in RequiredFiles[kind])
            {
                if (!alternatives.Any(file => File.Exists(Path.Combine(folder, file))))
                {
                    missing.Add($"{kind}/{Path.GetFileName(folder)}: {string.Join(" or ", alternatives)}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Fixture folders lack required files:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void FixtureFolders_HoldOnlyKnownKinds()
    {
        var kinds = Directory.EnumerateDirectories(GoldenPaths.OutputRoot).Select(Path.GetFileName);

        Assert.All(kinds, kind => Assert.Contains(kind!, RequiredFiles.Keys));
    }
}
