using ClaudeProxy.Protocols.Tests.Golden;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>Every Responses-upstream fixture folder has the files its kind needs, and each kind has fixtures at all (an empty theory would pass).</summary>
public sealed class ResponsesFixtureLayoutTests
{
    private static readonly Dictionary<string, string[][]> RequiredFiles = new(StringComparer.Ordinal)
    {
        // Each inner array: at least one of these files must be present.
        [GoldenKind.Request] = [["anthropic.json"], ["options.json"], ["expected.json", "expected-error.txt"]],
        [GoldenKind.Response] = [["upstream.json"], ["context.json"], ["expected.json"]],
        [GoldenKind.Stream] = [["upstream.sse"], ["expected.sse"]],
        [GoldenKind.Error] = [["upstream.json", "upstream.html"], ["context.json"], ["expected.json"]],
    };

    public static TheoryData<string> Kinds => [.. RequiredFiles.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Responses_fixture_folders_of_each_kind_have_the_required_files(string kind) =>
        FixtureLayout.AssertComplete(GoldenPaths.Responses, kind, RequiredFiles[kind]);
}
