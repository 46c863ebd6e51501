using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>Every OpenAI fixture folder has the files its kind needs, each kind has fixtures at all, and there are no other kinds.</summary>
public sealed class GoldenFixtureLayoutTests
{
    private static readonly Dictionary<string, string[][]> RequiredFiles = new(StringComparer.Ordinal)
    {
        // Each inner array: at least one of these files must be present.
        [GoldenKind.Request] = [["anthropic.json"], ["options.json"], ["expected.json", "expected-error.txt"]],
        [GoldenKind.Response] = [["upstream.json"], ["context.json"], ["expected.json"]],
        [GoldenKind.Stream] = [["upstream.sse"], ["expected.sse"]],
        [GoldenKind.Error] = [["upstream-status.txt"], ["upstream.body"], ["expected.json"]],
    };

    public static TheoryData<string> Kinds => [.. RequiredFiles.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OpenAI_fixture_folders_of_each_kind_have_the_required_files(string kind) =>
        FixtureLayout.AssertComplete(GoldenPaths.OpenAI, kind, RequiredFiles[kind]);

    [Fact]
    public void OpenAI_fixture_folders_hold_only_known_kinds()
    {
        var kinds = Directory.EnumerateDirectories(GoldenPaths.OpenAI.OutputRoot).Select(Path.GetFileName);

        Assert.All(kinds, kind => Assert.Contains(kind!, RequiredFiles.Keys));
    }
}
