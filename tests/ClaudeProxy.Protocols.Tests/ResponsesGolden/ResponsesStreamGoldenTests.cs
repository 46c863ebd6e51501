using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation.Responses;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>
/// Stream goldens: the raw upstream bytes in <c>fixtures/responses/stream/&lt;case&gt;/upstream.sse</c> go
/// through <see cref="ResponsesStreamTranslator"/> as the gateway runs it, cut into reads whole, byte by
/// byte and at random, and are checked by <see cref="StreamGolden"/> (generated ids replaced by
/// placeholders, reasoning envelopes shown as the item they carry). <c>context.json</c> is optional.
/// </summary>
public sealed class ResponsesStreamGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.Responses, GoldenKind.Stream);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_Responses_stream_fixture_translates_to_the_same_checked_events_however_the_reads_are_cut(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.Responses, GoldenKind.Stream, name);
        var contextJson = fixture.Has("context.json") ? fixture.ReadText("context.json") : null;

        StreamGolden.Verify(fixture, ResponsesFixtureSettings.ResponseContext(contextJson).RequestedModel, reads =>
        {
            var context = ResponsesFixtureSettings.ResponseContext(contextJson);
            var events = TranslatorDrive.Run(reads, output => new ResponsesStreamTranslator(output, context));
            return (GeneratedIds.Normalize(SignatureEnvelopes.Reveal(events)), context.Notes);
        });
    }
}
