using System.Text;
using ClaudeProxy.Protocols.Sse;
using Xunit;

namespace ClaudeProxy.Protocols.Tests;

public sealed class SseEventBoundaryScannerTests
{
    private const string AnthropicLf =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}\n\n" +
        "event: ping\ndata: {\"type\": \"ping\"}\n\n" +
        ": keep-alive\n\n" +
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"模型 Grüße 🎉\"}}\n\n" +
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    private static readonly Dictionary<string, string> Samples = new()
    {
        ["lf"] = AnthropicLf,
        ["crlf"] = AnthropicLf.Replace("\n", "\r\n", StringComparison.Ordinal),
        ["cr"] = AnthropicLf.Replace("\n", "\r", StringComparison.Ordinal),
        ["comments"] = ": keep-alive\n\n:\n\n: another comment\ndata: x\n\n",
        ["multi-line data"] = "data: line 1\ndata: line 2\ndata:\ndata: line 4\n\nid: 7\nretry: 1000\nevent: e\ndata: {}\n\n",
        ["leading blank line"] = "\nevent: x\ndata: {}\n\n",
        ["unterminated final event"] = "event: a\ndata: 1\n\nevent: b\ndata: 2\n",
        ["consecutive blank lines"] = "data: a\n\n\n\ndata: b\r\r\r\r",
        ["mixed endings"] = "data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\ndata: e\n\r\ndata: f\r\r\ndata: g\n\r",
        ["utf8 split"] = "data: {\"t\":\"Grüße 世界 🎉🎉 é\"}\n\ndata: ééé日本\n\n",
        ["no boundary"] = "event: x\ndata: partial",
        ["empty"] = "",
    };

    public static TheoryData<string> SampleNames => [.. Samples.Keys];

    private static byte[] Bytes(string name) => Encoding.UTF8.GetBytes(Samples[name]);

    private static int ScanWhole(string text)
    {
        var scanner = SseEventBoundaryScanner.Create();
        return scanner.Scan(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void The_reference_finds_the_expected_boundaries_in_hand_counted_streams()
    {
        Assert.Equal([19, 38], SseBoundaryReference.Boundaries("event: x\ndata: {}\n\nevent: y\ndata: {}\n\n"u8));
        Assert.Equal([11, 20], SseBoundaryReference.Boundaries("data: a\r\n\r\ndata: b\r\r"u8));
        Assert.Equal([1, 2, 4], SseBoundaryReference.Boundaries("\n\r\r\n"u8));
        Assert.Equal([10], SseBoundaryReference.Boundaries("data: a\r\r\n"u8));
        Assert.Empty(SseBoundaryReference.Boundaries("data: a\ndata: b\n"u8));
    }

    [Fact]
    public void Two_LF_events_give_the_offset_past_the_second()
    {
        Assert.Equal(38, ScanWhole("event: x\ndata: {}\n\nevent: y\ndata: {}\n\n"));
    }

    [Fact]
    public void A_complete_event_then_a_partial_one_give_the_offset_past_the_complete_one()
    {
        Assert.Equal(19, ScanWhole("event: x\ndata: {}\n\nevent: y\ndata: {"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("event: x")]
    [InlineData("event: x\ndata: {}\n")]
    [InlineData("event: x\r\ndata: {}\r\n")]
    [InlineData("event: x\rdata: {}\r")]
    [InlineData("data: a\n \n")]
    [InlineData("data: a\n\t\n")]
    public void Text_without_a_blank_line_gives_minus_one(string text)
    {
        Assert.Equal(-1, ScanWhole(text));
    }

    [Fact]
    public void A_CRLF_event_is_reported_with_its_boundary_after_the_final_LF()
    {
        Assert.Equal(22, ScanWhole("event: x\r\ndata: {}\r\n\r\n"));
    }

    [Fact]
    public void A_CR_only_event_is_reported_with_its_boundary_after_the_second_CR()
    {
        Assert.Equal(9, ScanWhole("data: x\r\rdata: y"));
    }

    [Fact]
    public void A_comment_only_event_is_an_event()
    {
        Assert.Equal(14, ScanWhole(": keep-alive\n\n"));
    }

    [Theory]
    [InlineData("\n", 1)]
    [InlineData("\r\n", 2)]
    [InlineData("\rdata: x", 1)]
    [InlineData("\ndata: x\n\n", 10)]
    public void A_blank_line_that_starts_a_stream_is_reported_as_an_empty_event(string text, int expected)
    {
        Assert.Equal(expected, ScanWhole(text));
    }

    [Fact]
    public void A_line_break_split_from_its_blank_line_is_found_across_pieces()
    {
        var scanner = SseEventBoundaryScanner.Create();

        Assert.Equal(-1, scanner.Scan("event: x\ndata: {}\n"u8));
        Assert.Equal(1, scanner.Scan("\n"u8));
        Assert.Equal(-1, scanner.Scan("event: y\n"u8));
    }

    [Fact]
    public void When_a_CRLF_line_is_split_between_CR_and_LF_the_LF_does_not_start_a_blank_line()
    {
        var scanner = SseEventBoundaryScanner.Create();

        Assert.Equal(-1, scanner.Scan("data: x\r"u8));
        Assert.Equal(-1, scanner.Scan("\n"u8));
        Assert.Equal(2, scanner.Scan("\r\n"u8));
    }

    [Fact]
    public void When_a_CRLF_blank_line_is_split_between_CR_and_LF_the_boundary_is_reported_only_after_the_LF()
    {
        var scanner = SseEventBoundaryScanner.Create();

        // "data: x\r\n\r" may be followed by "\n": the event is not known to end at the CR yet, and
        // emitting it there would leave a lone "\n" as the start of the next piece.
        var first = scanner.Scan("data: x\r\n\r"u8);
        var second = scanner.Scan("\ndata: y\r\n"u8);

        Assert.Equal(-1, first);
        Assert.Equal(1, second);
    }

    [Fact]
    public void A_CR_blank_line_at_a_piece_end_followed_by_text_keeps_its_CR_only_boundary()
    {
        var scanner = SseEventBoundaryScanner.Create();

        var first = scanner.Scan("data: x\r\r"u8);
        var second = scanner.Scan("data: y\r"u8);
        var third = scanner.Scan("\r"u8);

        // A CR-ended blank line at the end of a piece is either reported at once, or at the start
        // of the next piece once that piece shows no LF follows; either way it is never lost.
        var reportedAtOnce = (first, second, third) == (9, -1, 1);
        var reportedWhenSettled = (first, second, third) == (-1, 0, -1);
        Assert.True(reportedAtOnce || reportedWhenSettled, $"got ({first}, {second}, {third})");
    }

    [Fact]
    public void An_empty_piece_gives_minus_one_and_keeps_the_state()
    {
        var scanner = SseEventBoundaryScanner.Create();

        Assert.Equal(-1, scanner.Scan("data: x\n"u8));
        Assert.Equal(-1, scanner.Scan(ReadOnlySpan<byte>.Empty));
        Assert.Equal(1, scanner.Scan("\n"u8));
    }

    [Fact]
    public void A_large_event_across_many_pieces_is_reported_only_in_the_piece_that_ends_it()
    {
        var text = "event: content_block_delta\ndata: {\"text\":\"" + new string('x', 100_000) + "\"}\n\n";
        var stream = Encoding.UTF8.GetBytes(text);
        var scanner = SseEventBoundaryScanner.Create();
        const int pieceSize = 997;

        for (var start = 0; start < stream.Length; start += pieceSize)
        {
            var length = Math.Min(pieceSize, stream.Length - start);
            var offset = scanner.Scan(stream.AsSpan(start, length));

            var isLast = start + length == stream.Length;
            Assert.Equal(isLast ? length : -1, offset);
        }
    }

    [Fact]
    public void Many_large_events_in_random_pieces_are_reported_as_exactly_the_whole_events()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 5; i++)
        {
            builder.Append("event: content_block_delta\ndata: {\"i\":").Append(i).Append(",\"text\":\"")
                .Append('模', 5_000 + (i * 1_000)).Append("\"}\n\n");
        }

        var stream = Encoding.UTF8.GetBytes(builder.ToString());

        foreach (var cuts in SseBoundaryReference.RandomCuts(stream, seed: 7, iterations: 50, maxCuts: 200))
        {
            var reported = SseBoundaryReference.AssertScansLikeTheWholeStream(stream, cuts);
            SseBoundaryReference.AssertPiecesAreWholeEvents(stream, reported, cuts);
        }
    }

    [Fact]
    public void A_multi_byte_character_split_across_pieces_is_opaque_to_the_scanner()
    {
        var stream = "data: 🎉\n\n"u8.ToArray();
        var scanner = SseEventBoundaryScanner.Create();

        Assert.Equal(-1, scanner.Scan(stream.AsSpan(0, 7)));
        Assert.Equal(-1, scanner.Scan(stream.AsSpan(7, 2)));
        Assert.Equal(3, scanner.Scan(stream.AsSpan(9)));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void A_whole_stream_scanned_at_once_gives_its_last_boundary(string sample)
    {
        var stream = Bytes(sample);

        // With a single piece the checker requires the last boundary of the stream (or, when the
        // stream ends in a CR-ended blank line that a later LF could extend, the one before it).
        var reported = SseBoundaryReference.AssertScansLikeTheWholeStream(stream, []);

        Assert.True(reported.Count <= 1);
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void A_stream_split_at_every_single_point_is_reported_as_exactly_its_whole_events(string sample)
    {
        var stream = Bytes(sample);

        foreach (var cuts in SseBoundaryReference.SingleCuts(stream))
        {
            var reported = SseBoundaryReference.AssertScansLikeTheWholeStream(stream, cuts);
            SseBoundaryReference.AssertPiecesAreWholeEvents(stream, reported, cuts);
        }
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void A_stream_split_at_random_points_is_reported_as_exactly_its_whole_events(string sample)
    {
        var stream = Bytes(sample);

        foreach (var cuts in SseBoundaryReference.RandomCuts(stream, seed: 20240601, iterations: 200, maxCuts: 12))
        {
            var reported = SseBoundaryReference.AssertScansLikeTheWholeStream(stream, cuts);
            SseBoundaryReference.AssertPiecesAreWholeEvents(stream, reported, cuts);
        }
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void A_stream_fed_one_byte_at_a_time_reports_every_boundary_of_the_whole_stream(string sample)
    {
        var stream = Bytes(sample);
        var cuts = Enumerable.Range(1, Math.Max(0, stream.Length - 1)).ToArray();
        var reference = SseBoundaryReference.Boundaries(stream);

        var reported = SseBoundaryReference.AssertScansLikeTheWholeStream(stream, cuts);

        // A CR-ended blank line as the very last byte may stay unreported until more bytes arrive.
        var endsUnsettled = reference.Count > 0 && reference[^1] == stream.Length && stream[^1] == (byte)'\r';
        var expected = endsUnsettled && reported.Count < reference.Count ? reference.Take(reference.Count - 1) : reference;
        Assert.Equal(expected, reported);
    }

}
