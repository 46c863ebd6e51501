using System.Text;
using ClaudeProxy.Protocols.Sse;
using Xunit;

namespace ClaudeProxy.Protocols.Tests;

/// <summary>
/// An independent, whole-stream definition of where Server-Sent Events end, and a checker that feeds
/// a stream to <see cref="SseEventBoundaryScanner"/> in given pieces and compares what it reports.
/// </summary>
internal static class SseBoundaryReference
{
    /// <summary>
    /// Every offset just past a blank line of <paramref name="stream"/>, read as a whole: a line
    /// terminator (CRLF, LF or CR) that starts a line ends an event, and CRLF counts as one terminator.
    /// </summary>
    public static IReadOnlyList<int> Boundaries(ReadOnlySpan<byte> stream)
    {
        var boundaries = new List<int>();
        var atLineStart = true;
        var i = 0;
        while (i < stream.Length)
        {
            var b = stream[i];
            if (b is (byte)'\n' or (byte)'\r')
            {
                var end = b == (byte)'\r' && i + 1 < stream.Length && stream[i + 1] == (byte)'\n' ? i + 2 : i + 1;
                if (atLineStart)
                {
                    boundaries.Add(end);
                }

                atLineStart = true;
                i = end;
            }
            else
            {
                atLineStart = false;
                i++;
            }
        }

        return boundaries;
    }

    /// <summary>
    /// Feeds <paramref name="stream"/> to a fresh scanner in the pieces that <paramref name="cuts"/>
    /// (ascending offsets, repeats allowed for empty pieces) make, and checks after every piece:
    /// <list type="bullet">
    /// <item>a reported offset lies inside the piece and, made absolute, is a boundary of the whole
    /// stream, later than the one reported before; so the pieces emitted up to each reported
    /// boundary are exactly whole events, never a part of one;</item>
    /// <item>nothing is held back: the report reaches every boundary that the bytes seen so far settle.
    /// The one boundary they cannot settle yet is a blank line ended by a CR that is the last byte
    /// seen, because an LF may still follow and belong to it.</item>
    /// </list>
    /// Returns the absolute boundaries reported, in order.
    /// </summary>
    public static IReadOnlyList<int> AssertScansLikeTheWholeStream(byte[] stream, IReadOnlyList<int> cuts)
    {
        var reference = Boundaries(stream);
        var scanner = SseEventBoundaryScanner.Create();
        var reported = new List<int>();
        var lastReported = 0;
        var start = 0;
        for (var piece = 0; piece <= cuts.Count; piece++)
        {
            var end = piece < cuts.Count ? cuts[piece] : stream.Length;
            var offset = scanner.Scan(stream.AsSpan(start, end - start));
            var settled = -1;
            foreach (var boundary in reference)
            {
                if (boundary > lastReported && boundary <= end && (boundary < end || stream[boundary - 1] == (byte)'\n'))
                {
                    settled = boundary;
                }
            }

            string Describe() =>
                $"piece {piece} = [{start}, {end}) returned {offset}; cuts [{string.Join(", ", cuts)}]; " +
                $"whole-stream boundaries [{string.Join(", ", reference)}]; reported so far [{string.Join(", ", reported)}]; " +
                $"stream \"{Escape(stream)}\"";

            if (offset == -1)
            {
                Assert.True(settled == -1, $"Boundary {settled} was not reported: {Describe()}");
            }
            else
            {
                Assert.True(offset >= 0 && offset <= end - start, $"Offset outside the piece: {Describe()}");
                var absolute = start + offset;
                Assert.True(reference.Contains(absolute), $"Reported {absolute}, which is not a boundary of the whole stream: {Describe()}");
                Assert.True(absolute > lastReported, $"Reported {absolute} after {lastReported}: {Describe()}");
                Assert.True(absolute >= settled, $"Reported {absolute} but boundary {settled} was already settled: {Describe()}");
                reported.Add(absolute);
                lastReported = absolute;
            }

            start = end;
        }

        return reported;
    }

    /// <summary>
    /// Re-reads every emitted piece (the bytes between consecutive reported boundaries) on its own and
    /// checks that, together, the pieces hold exactly the events of the whole stream up to the last
    /// reported boundary, in order: no event cut in two, none merged with a stray terminator.
    /// </summary>
    public static void AssertPiecesAreWholeEvents(byte[] stream, IReadOnlyList<int> reported, IReadOnlyList<int> cuts)
    {
        var end = reported.Count == 0 ? 0 : reported[^1];
        var expected = new List<string>();
        var start = 0;
        foreach (var boundary in Boundaries(stream))
        {
            if (boundary > end)
            {
                break;
            }

            expected.Add(Escape(stream.AsSpan(start, boundary - start)));
            start = boundary;
        }

        var actual = new List<string>();
        var previous = 0;
        foreach (var boundary in reported)
        {
            actual.AddRange(Events(stream.AsSpan(previous, boundary - previous)));
            previous = boundary;
        }

        Assert.True(
            expected.SequenceEqual(actual),
            $"cuts [{string.Join(", ", cuts)}]: expected events [{string.Join(" | ", expected)}] but the pieces hold [{string.Join(" | ", actual)}]");
    }

    private static List<string> Events(ReadOnlySpan<byte> bytes)
    {
        var events = new List<string>();
        var previous = 0;
        foreach (var boundary in Boundaries(bytes))
        {
            events.Add(Escape(bytes[previous..boundary]));
            previous = boundary;
        }

        Assert.True(previous == bytes.Length, $"Trailing bytes after the last event: \"{Escape(bytes[previous..])}\"");
        return events;
    }

    /// <summary>Every way to cut <paramref name="stream"/> once (including at both ends).</summary>
    public static IEnumerable<int[]> SingleCuts(byte[] stream)
    {
        for (var cut = 0; cut <= stream.Length; cut++)
        {
            yield return [cut];
        }
    }

    /// <summary>Random ascending cut lists, repeats allowed (empty pieces), from a seeded generator.</summary>
    public static IEnumerable<int[]> RandomCuts(byte[] stream, int seed, int iterations, int maxCuts)
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var count = random.Next(1, maxCuts + 1);
            var cuts = new int[count];
            for (var i = 0; i < count; i++)
            {
                cuts[i] = random.Next(0, stream.Length + 1);
            }

            Array.Sort(cuts);
            yield return cuts;
        }
    }

    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 200
            ? Escape(text[..200]) + "…"
            : Escape(text);
    }

    private static string Escape(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
