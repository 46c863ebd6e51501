namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// Where an Anthropic stream has really begun: at its first content block or its <c>message_delta</c>
/// (which carries the stop reason). <c>message_start</c> and pings come before either, and a stream
/// that ends after only those is no answer; an <c>error</c> event before them is a failed attempt.
/// </summary>
internal static class ClaudeStreamStart
{
    public static StreamStart Probe(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (StreamStartError.AnthropicErrorEvent(eventName, data) is not null)
        {
            return StreamStart.Error;
        }

        if (eventName.IsEmpty)
        {
            // A relay that leaves out `event:` lines: the data's type says the same.
            return data.IndexOf("\"type\":\"content_block_start\""u8) >= 0 || data.IndexOf("\"type\":\"message_delta\""u8) >= 0
                ? StreamStart.Answer
                : StreamStart.Undecided;
        }

        return eventName.SequenceEqual("content_block_start"u8) || eventName.SequenceEqual("message_delta"u8)
            ? StreamStart.Answer
            : StreamStart.Undecided;
    }
}
