using System.Buffers;
using System.Text;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Protocols.Sse;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation.Gemini;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>
/// Stream goldens: the raw upstream bytes in <c>fixtures/gemini/stream/&lt;case&gt;/upstream.sse</c> go
/// through <see cref="SseParser"/> and <see cref="GeminiStreamTranslator"/> as the gateway runs them
/// (<c>Start()</c>, reads until the translator is finished, <c>Complete()</c> at EOF), cut into reads
/// whole, byte by byte and at random. Every way must give the same events; they must pass
/// <see cref="AnthropicStreamChecker"/> and equal <c>expected.sse</c>. <c>context.json</c> is optional.
/// </summary>
public sealed class GeminiStreamGoldenTests
{
    public static TheoryData<string> Cases => GeminiFixtures.Names(GeminiFixtures.Stream);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_Fixture_GivesTheSameCheckedEventsHoweverTheReadsAreCut(string name)
    {
        var fixture = GeminiFixtures.Open(GeminiFixtures.Stream, name);
        var contextJson = fixture.Has("context.json") ? fixture.ReadText("context.json") : null;
        var upstream = fixture.ReadBytes("upstream.sse");

        (string Label, string Events, List<string> Notes)? first = null;
        foreach (var (label, pieces) in StreamFeeds.All(upstream))
        {
            var (events, notes) = Translate(pieces, GeminiFixtures.ResponseContext(contextJson));
            if (first is not { } reference)
            {
                first = (label, events, notes);
                continue;
            }

            Assert.True(reference.Events == events, $"Reading '{label}' gave other events than reading '{reference.Label}':\n{events}\n---\n{reference.Events}");
            Assert.Equal(reference.Notes, notes);
        }

        var (_, output, outputNotes) = first!.Value;
        var checkedStream = AnthropicStreamChecker.Check(AnthropicSseFrames.Parse(output));
        fixture.VerifySse("expected.sse", output);
        fixture.VerifyNotes(outputNotes);
        if (checkedStream.Error is null)
        {
            AnthropicMessageRules.Check(checkedStream.Message, GeminiFixtures.ResponseContext(contextJson).RequestedModel);
        }
    }

    /// <summary>Runs the reads through the translator as the gateway does; the events come back with ids and envelopes normalized.</summary>
    internal static (string Events, List<string> Notes) Translate(IReadOnlyList<byte[]> reads, GeminiResponseContext context)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var translator = new GeminiStreamTranslator(output, context))
        using (var parser = new SseParser())
        {
            translator.Start();
            foreach (var read in reads)
            {
                if (translator.IsFinished)
                {
                    break;
                }

                parser.Feed(read, translator);
            }

            if (!translator.IsFinished)
            {
                parser.Complete();
                translator.Complete();
            }

            Assert.True(translator.IsFinished, "The translator did not finish at EOF.");
        }

        return (GeneratedIds.Normalize(SignatureEnvelopes.Reveal(Encoding.UTF8.GetString(output.WrittenSpan))), context.Notes);
    }
}
