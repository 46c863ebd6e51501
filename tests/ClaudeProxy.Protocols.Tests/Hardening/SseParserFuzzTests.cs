using System.Text;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Sse;
using CsCheck;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// Random event streams — fields, comments, every line ending, blank-line runs, multi-byte and
/// invalid UTF-8, long lines — cut into random reads: the parser never throws and hands on the same
/// events however the bytes are cut, and the boundary scanner agrees with the whole-stream reference.
/// </summary>
public sealed class SseParserFuzzTests
{
    private static readonly byte[][] Tokens =
    [
        "data:"u8.ToArray(), "data: "u8.ToArray(), "event:"u8.ToArray(), "event: message_start"u8.ToArray(), ":"u8.ToArray(), ": keep-alive"u8.ToArray(),
        "id: 1"u8.ToArray(), "retry: 5"u8.ToArray(), "dat"u8.ToArray(), "a"u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(), "\r\n"u8.ToArray(),
        "\n\n"u8.ToArray(), "\r\n\r\n"u8.ToArray(), "{\"a\":1}"u8.ToArray(), "[DONE]"u8.ToArray(), "é"u8.ToArray(), "🎉"u8.ToArray(), [0xFF], [0xC3], [0xF0, 0x9F],
        [0], Encoding.UTF8.GetBytes(new string('x', 5000)),
    ];

    /// <summary>A stream of 0 to 150 tokens, and the offsets to cut it at.</summary>
    private static readonly Gen<(byte[] Stream, int[] Cuts)> Streams =
        Gen.Int[0, Tokens.Length - 1].Array[0, 150].SelectMany(picks =>
        {
            var stream = picks.SelectMany(i => Tokens[i]).ToArray();
            return Gen.Int[0, stream.Length].Array[0, 40].Select(cuts => (stream, cuts.Distinct().Order().ToArray()));
        });

    [Fact]
    public void The_parser_gives_the_same_events_however_the_stream_is_cut()
    {
        FuzzRun.Check(Streams, defaultIterations: 300, input =>
        {
            var (whole, wholePartial) = Parse(input.Stream, []);
            var (pieces, piecesPartial) = Parse(input.Stream, input.Cuts);

            Assert.Equal(whole, pieces);
            Assert.Equal(wholePartial, piecesPartial);
        }, Describe);
    }

    [Fact]
    public void The_boundary_scanner_agrees_with_the_whole_stream_reference_however_the_stream_is_cut()
    {
        FuzzRun.Check(Streams, defaultIterations: 300, input => SseBoundaryReference.AssertScansLikeTheWholeStream(input.Stream, input.Cuts), Describe);
    }

    private static (List<string> Events, bool Partial) Parse(byte[] stream, int[] cuts)
    {
        var events = new Recorder();
        using var parser = new SseParser();
        var start = 0;
        foreach (var cut in cuts.Append(stream.Length))
        {
            parser.Feed(stream.AsSpan(start, cut - start), events);
            start = cut;
        }

        return (events.Events, parser.Complete());
    }

    private static string Describe((byte[] Stream, int[] Cuts) input) =>
        $"cuts at [{string.Join(", ", input.Cuts)}] of: {SseBoundaryReference.Escape(input.Stream)}";

    private sealed class Recorder : ISseEventConsumer
    {
        public List<string> Events { get; } = [];

        public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data) =>
            Events.Add(Convert.ToHexString(eventName) + ":" + Convert.ToHexString(data.Span));
    }
}
