using System.Text;
using ClaudeProxy.FakeUpstreams;

namespace ClaudeProxy.Bench.Mock;

/// <summary>
/// Every answer of the mock, serialized once at start-up with the fake upstreams' payload helpers,
/// so serving a request costs one write. Streams carry <see cref="StreamEvents"/> content events.
/// </summary>
internal sealed class MockPayloads
{
    /// <summary>Content events per stream (text deltas or chunks); framing events come on top.</summary>
    public const int StreamEvents = 300;

    /// <summary>Stands for the send timestamp in paced templates.</summary>
    public const string TimestampSlot = "TSSLOT";

    private static readonly string[] Pieces =
    [
        "The", " request", " was", " routed", " to", " the", " first", " healthy", " channel", ",",
        " and", " the", " answer", " streamed", " back", " as", " events", " without", " any", " buffering",
        ".", " Each", " delta", " carries", " a", " few", " characters", " of", " text", "\n",
    ];

    private MockPayloads()
    {
    }

    public required byte[] AnthropicMessage { get; init; }

    public required byte[] AnthropicStream { get; init; }

    public required byte[] OpenAIMessage { get; init; }

    public required byte[] OpenAIStream { get; init; }

    public required byte[] GeminiMessage { get; init; }

    public required byte[] GeminiStream { get; init; }

    public required PacedTemplate OpenAIPaced { get; init; }

    public required PacedTemplate GeminiPaced { get; init; }

    public static MockPayloads Create()
    {
        var deltas = Enumerable.Range(0, StreamEvents).Select(i => Pieces[i % Pieces.Length]).ToArray();
        const string Answer = "Hello! The mock upstream answered at once.";
        return new MockPayloads
        {
            AnthropicMessage = Utf8(AnthropicFakes.MessageJson(Answer, inputTokens: 40_000, outputTokens: 12)),
            AnthropicStream = Utf8(AnthropicStreamText(deltas)),
            OpenAIMessage = Utf8(OpenAIFakes.ChatCompletionJson(Answer, promptTokens: 40_000, completionTokens: 12)),
            OpenAIStream = Utf8(OpenAIStreamText(deltas)),
            GeminiMessage = Utf8(GeminiFakes.ResponseJson(Answer, promptTokens: 40_000, candidatesTokens: 12)),
            GeminiStream = Utf8(GeminiStreamText(deltas)),
            OpenAIPaced = new PacedTemplate(
                Data(OpenAIFakes.RoleChunk()),
                Data(OpenAIFakes.TextChunk(TimestampSlot)),
                Data(OpenAIFakes.FinishChunk("stop")) + Data(OpenAIFakes.UsageChunk(40_000, StreamEvents)) + Data("[DONE]")),
            GeminiPaced = new PacedTemplate(
                "",
                Data(GeminiFakes.TextChunk(TimestampSlot)),
                Data(GeminiFakes.FinalChunk("", promptTokens: 40_000, candidatesTokens: StreamEvents))),
        };
    }

    private static string AnthropicStreamText(string[] deltas)
    {
        var text = new StringBuilder();
        Append(AnthropicFakes.MessageStartEvent(inputTokens: 40_000));
        Append(AnthropicFakes.TextBlockStartEvent(0));
        Append(AnthropicFakes.PingEvent());
        foreach (var delta in deltas)
        {
            Append(AnthropicFakes.TextDeltaEvent(0, delta));
        }

        Append(AnthropicFakes.BlockStopEvent(0));
        Append(AnthropicFakes.MessageDeltaEvent(outputTokens: StreamEvents));
        Append(AnthropicFakes.MessageStopEvent());
        return text.ToString();

        void Append((string EventName, string Json) sseEvent) =>
            text.Append("event: ").Append(sseEvent.EventName).Append('\n').Append(Data(sseEvent.Json));
    }

    private static string OpenAIStreamText(string[] deltas)
    {
        var text = new StringBuilder(Data(OpenAIFakes.RoleChunk()));
        foreach (var delta in deltas)
        {
            text.Append(Data(OpenAIFakes.TextChunk(delta)));
        }

        return text.Append(Data(OpenAIFakes.FinishChunk("stop")))
            .Append(Data(OpenAIFakes.UsageChunk(40_000, StreamEvents)))
            .Append(Data("[DONE]"))
            .ToString();
    }

    private static string GeminiStreamText(string[] deltas)
    {
        var text = new StringBuilder();
        for (var i = 0; i < deltas.Length - 1; i++)
        {
            text.Append(Data(GeminiFakes.TextChunk(deltas[i])));
        }

        return text.Append(Data(GeminiFakes.FinalChunk(deltas[^1], promptTokens: 40_000, candidatesTokens: StreamEvents))).ToString();
    }

    private static string Data(string json) => $"data: {json}\n\n";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
