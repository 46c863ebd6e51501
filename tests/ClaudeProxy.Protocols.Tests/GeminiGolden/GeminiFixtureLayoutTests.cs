using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>Every Gemini fixture folder has the files its kind needs, and each kind has fixtures at all (an empty theory would pass).</summary>
public sealed class GeminiFixtureLayoutTests
{
    private static readonly Dictionary<string, string[][]> RequiredFiles = new(StringComparer.Ordinal)
    {
        // Each inner array: at least one of these files must be present.
        [GeminiFixtures.Request] = [["anthropic.json"], ["options.json"], ["expected.json", "expected-error.txt"]],
        [GeminiFixtures.Response] = [["upstream.json"], ["context.json"], ["expected.json"]],
        [GeminiFixtures.Stream] = [["upstream.sse"], ["expected.sse"]],
        [GeminiFixtures.Error] = [["upstream.json", "upstream.html"], ["context.json"], ["expected.json"]],
    };

    public static TheoryData<string> Kinds => [.. RequiredFiles.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FixtureFolders_OfEachKind_HaveTheRequiredFiles(string kind)
    {
        var folders = GeminiFixtures.CaseFolders(kind).ToList();
        Assert.NotEmpty(folders);
        var missing = folders
            .SelectMany(folder => RequiredFiles[kind]
                .Where(alternatives => !alternatives.Any(file => File.Exists(Path.Combine(folder, file))))
                .Select(alternatives => $"{kind}/{Path.GetFileName(folder)}: {string.Join(" or ", alternatives)}"))
            .ToList();

        Assert.True(missing.Count == 0, "Fixture folders lack required files:\n" + string.Join("\n", missing));
    }
}
