namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// Splits the gateway's Anthropic event stream into (event, data) pairs, strictly: every frame is
/// exactly <c>event: X</c>, <c>data: {…}</c> and a blank line, LF only.
/// </summary>
internal static class AnthropicSseFrames
{
    public static List<(string? Event, string Data)> Parse(string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.Length > 0 && !stream.EndsWith("\n\n", StringComparison.Ordinal))
        {
            throw new FormatException("The stream does not end with a complete frame.");
        }

        var frames = new List<(string? Event, string Data)>();
        foreach (var frame in stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = frame.Split('\n');
            if (lines.Length != 2 || !lines[0].StartsWith("event: ", StringComparison.Ordinal) || !lines[1].StartsWith("data: ", StringComparison.Ordinal)
                || frame.Contains('\r', StringComparison.Ordinal))
            {
                throw new FormatException($"Not an 'event:' + 'data:' frame: {frame}");
            }

            frames.Add((lines[0]["event: ".Length..], lines[1]["data: ".Length..]));
        }

        return frames;
    }
}
