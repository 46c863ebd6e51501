namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// The ways a recorded upstream byte stream is cut into network reads: whole, one byte per read,
/// and seeded random cuts (which land inside lines, CRLF pairs and UTF-8 sequences).
/// </summary>
internal static class StreamFeeds
{
    private const int RandomFeeds = 12;
    private const int MaxRandomPiece = 24;

    public static IEnumerable<(string Label, IReadOnlyList<byte[]> Pieces)> All(byte[] stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        yield return ("whole", [stream]);
        yield return ("one byte per read", [.. stream.Select(b => new[] { b })]);
        for (var seed = 1; seed <= RandomFeeds; seed++)
        {
            yield return ($"random cuts (seed {seed})", RandomCuts(stream, seed));
        }
    }

    private static List<byte[]> RandomCuts(byte[] stream, int seed)
    {
#pragma warning disable CA5394 // Reproducible cuts, not security.
        var random = new Random(seed);
        var pieces = new List<byte[]>();
        for (var offset = 0; offset < stream.Length;)
        {
            var length = Math.Min(random.Next(1, MaxRandomPiece + 1), stream.Length - offset);
            pieces.Add(stream[offset..(offset + length)]);
            offset += length;
        }
#pragma warning restore CA5394

        return pieces;
    }
}
