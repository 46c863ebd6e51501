using System.Buffers;
using System.IO.Pipelines;

namespace ClaudeProxy.Bench.Mock;

/// <summary>Reads a request body to its end, noting whether it contains <c>"stream":true</c> (compact JSON, as every client here writes).</summary>
internal static class StreamFlagScanner
{
    private static ReadOnlySpan<byte> StreamTrue => "\"stream\":true"u8;

    public static async Task<bool> ReadAsync(PipeReader body, CancellationToken cancellationToken)
    {
        var found = false;
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (!found)
            {
                found = Contains(buffer);
            }

            if (result.IsCompleted)
            {
                body.AdvanceTo(buffer.End);
                return found;
            }

            // Keep a pattern's length of tail unconsumed, so a match split across reads is still seen.
            var keep = found ? 0 : Math.Min(buffer.Length, StreamTrue.Length - 1);
            body.AdvanceTo(buffer.GetPosition(buffer.Length - keep), buffer.End);
        }
    }

    private static bool Contains(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            return buffer.FirstSpan.IndexOf(StreamTrue) >= 0;
        }

        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, StreamTrue);
    }
}
