namespace ClaudeProxy.Bench.Load;

/// <summary>One kind of request the load tools send again and again: where, which body (also on disk for wrk), which headers, and what a good answer contains.</summary>
internal sealed record RequestTarget(
    string Id,
    Uri Url,
    byte[] Body,
    string BodyFile,
    bool Streaming,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ResponseExpectation Expect);

/// <summary>What a good answer holds: texts that must appear, and for a translated stream the exact number of text deltas.</summary>
internal sealed record ResponseExpectation(IReadOnlyList<string> MustContain, int? TextDeltas = null)
{
    private const string DeltaMarker = "\"type\":\"content_block_delta\"";

    /// <summary>Null when the body is as expected, else what is wrong.</summary>
    public string? Check(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var text in MustContain)
        {
            if (!body.Contains(text, StringComparison.Ordinal))
            {
                return $"the answer lacks {text}";
            }
        }

        if (TextDeltas is { } expected)
        {
            var count = 0;
            for (var at = body.IndexOf(DeltaMarker, StringComparison.Ordinal); at >= 0; at = body.IndexOf(DeltaMarker, at + 1, StringComparison.Ordinal))
            {
                count++;
            }

            if (count != expected)
            {
                return $"the stream has {count} content_block_delta events, expected {expected}";
            }
        }

        return null;
    }
}
