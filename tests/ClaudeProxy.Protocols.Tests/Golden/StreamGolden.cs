using ClaudeProxy.FakeUpstreams;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// The check of a stream golden, whatever the provider: the raw upstream bytes in
/// <c>upstream.sse</c>, cut into reads in every way of <see cref="StreamFeeds"/>, must give the same
/// events and notes every time; they must pass <see cref="AnthropicStreamChecker"/> and equal
/// <c>expected.sse</c> and <c>expected-notes.txt</c>, and a completed message must pass
/// <see cref="AnthropicMessageRules"/>.
/// </summary>
internal static class StreamGolden
{
    /// <param name="fixture">The stream case.</param>
    /// <param name="requestedModel">The model the client asked for, which the message must name.</param>
    /// <param name="translate">Translates one way of cutting the upstream bytes with a fresh context: the normalized events and the notes.</param>
    public static void Verify(GoldenCase fixture, string requestedModel, Func<IReadOnlyList<byte[]>, (string Events, List<string> Notes)> translate)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(translate);
        var upstream = fixture.ReadBytes("upstream.sse");

        (string Label, string Events, List<string> Notes)? first = null;
        foreach (var (label, pieces) in StreamFeeds.All(upstream))
        {
            var (events, notes) = translate(pieces);
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
            AnthropicMessageRules.Check(checkedStream.Message, requestedModel);
        }
    }
}
