using ClaudeProxy.Protocols.Translation.OpenAIChat;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// Stream goldens: the raw upstream bytes in <c>fixtures/openai/stream/&lt;case&gt;/upstream.sse</c> go
/// through <see cref="ChatStreamTranslator"/> as the gateway runs it, cut into reads in several ways,
/// and are checked by <see cref="StreamGolden"/> (generated ids replaced by placeholders).
/// <c>context.json</c> is optional.
/// </summary>
public sealed class ChatStreamGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.OpenAI, GoldenKind.Stream);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_OpenAI_stream_fixture_translates_to_the_same_checked_events_however_the_reads_are_cut(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.OpenAI, GoldenKind.Stream, name);
        var contextJson = fixture.Has("context.json") ? fixture.ReadText("context.json") : null;

        StreamGolden.Verify(fixture, FixtureSettings.ResponseContext(contextJson).RequestedModel, reads =>
        {
            var context = FixtureSettings.ResponseContext(contextJson);
            var events = TranslatorDrive.Run(reads, output => new ChatStreamTranslator(output, context));
            return (GeneratedIds.Normalize(events), context.Notes);
        });
    }
}
