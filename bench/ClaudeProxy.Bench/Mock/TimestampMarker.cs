using System.Buffers.Text;
using System.Diagnostics;

namespace ClaudeProxy.Bench.Mock;

/// <summary>The <c>ts=0000000012345678901;</c> text a paced event carries: its send time in Stopwatch ticks.</summary>
internal static class TimestampMarker
{
    public const int Length = 3 + Digits + 1;
    private const int Digits = 19;

    public static ReadOnlySpan<byte> Prefix => "ts="u8;

    /// <summary>Writes the marker for now into <paramref name="destination"/> (at least <see cref="Length"/> bytes).</summary>
    public static void WriteNow(Span<byte> destination)
    {
        Prefix.CopyTo(destination);
        Utf8Formatter.TryFormat(Stopwatch.GetTimestamp(), destination.Slice(3, Digits), out _, new System.Buffers.StandardFormat('D', Digits));
        destination[3 + Digits] = (byte)';';
    }

    /// <summary>Reads the timestamp of a marker that starts at <paramref name="marker"/>; false when it is not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> marker, out long timestamp)
    {
        timestamp = 0;
        return marker.Length >= Length
            && marker.StartsWith(Prefix)
            && marker[3 + Digits] == (byte)';'
            && Utf8Parser.TryParse(marker.Slice(3, Digits), out timestamp, out var consumed)
            && consumed == Digits;
    }
}
