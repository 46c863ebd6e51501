using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation.Gemini;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>
/// Stream goldens: the raw upstream bytes in <c>fixtures/gemini/stream/&lt;case&gt;/upstream.sse</c> go
/// through <see cref="GeminiStreamTranslator"/> as the gateway runs it, cut into reads whole, byte by
/// byte and at random, and are checked by <see cref="StreamGolden"/> (generated ids replaced by
/// placeholders, signature envelopes shown as the signature they carry). <c>context.json</c> is optional.
/// </summary>
public sealed class GeminiStreamGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.Gemini, GoldenKind.Stream);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_Gemini_stream_fixture_translates_to_the_same_checked_events_however_the_reads_are_cut(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.Gemini, GoldenKind.Stream, name);
        var contextJson = fixture.Has("context.json") ? fixture.ReadText("context.json") : null;

        StreamGolden.Verify(fixture, GeminiFixtureSettings.ResponseContext(contextJson).RequestedModel, reads =>
        {
            var context = GeminiFixtureSettings.ResponseContext(contextJson);
            var events = TranslatorDrive.Run(reads, output => new GeminiStreamTranslator(output, context));
            return (GeneratedIds.Normalize(SignatureEnvelopes.Reveal(events)), context.Notes);
        });
    }
}
