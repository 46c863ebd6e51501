using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;

namespace ClaudeProxy.Tests.Faults;

/// <summary>
/// One channel type as the fault matrix drives it: a good answer in either form, a stream's first
/// well-formed event, and an error chunk that carries the key, each in the upstream's own protocol.
/// </summary>
public sealed record FaultChannel(string ServiceType)
{
    public const string KeyOne = "fault-key-one-0123456789abcdef";
    public const string KeyTwo = "fault-key-two-0123456789abcdef";
    public const string GoodText = "answer from a healthy key";

    public static IReadOnlyList<string> All { get; } = ["claude", "openai", "gemini"];

    public JsonObject Channel(Uri baseUrl, params string[] keys)
    {
        var channel = TestConfigs.Channel(ServiceType + "-channel", ServiceType, baseUrl, keys);
        if (ServiceType == "gemini")
        {
            channel["modelMapping"] = new JsonObject { ["m"] = "gemini-2.5-flash" };
        }

        return channel;
    }

    public FakeReply Good(bool stream) => (ServiceType, stream) switch
    {
        ("claude", false) => AnthropicFakes.Message(GoodText),
        ("claude", true) => FakeReply.Stream(AnthropicFakes.TextStream("m", GoodText)),
        ("openai", false) => OpenAIFakes.ChatCompletion(GoodText),
        ("openai", true) => FakeReply.Stream(OpenAIFakes.ChunkStream("m", GoodText)),
        ("gemini", false) => GeminiFakes.Response(GoodText),
        _ => FakeReply.Stream(GeminiFakes.StreamChunks(GoodText)),
    };

    /// <summary>A script that starts with the ordinary events after which the gateway commits a stream: the answer has begun.</summary>
    public SseScript FirstEvent() => ServiceType switch
    {
        "claude" => new SseScript().Event(AnthropicFakes.MessageStartEvent("m")).Event(AnthropicFakes.TextBlockStartEvent(0)),
        "openai" => new SseScript().Data(OpenAIFakes.RoleChunk()).Data(OpenAIFakes.TextChunk("partial ")),
        _ => new SseScript().Data(GeminiFakes.TextChunk("partial ")),
    };

    /// <summary>What a stream sends before its answer begins: nothing the gateway commits on.</summary>
    public SseScript Preliminaries() => ServiceType switch
    {
        "claude" => new SseScript().Event(AnthropicFakes.MessageStartEvent("m")).Event(AnthropicFakes.PingEvent()),
        "openai" => new SseScript().Data(OpenAIFakes.RoleChunk()),
        _ => new SseScript().Data(GeminiUsageOnlyChunk),
    };

    /// <summary>A 2xx with nothing in it: preliminaries and the stream's end, or a message with no content and no output tokens.</summary>
    public FakeReply EmptyAnswer(bool stream) => (ServiceType, stream) switch
    {
        ("claude", true) => FakeReply.Stream(Preliminaries().Event(AnthropicFakes.MessageStopEvent())),
        ("openai", true) => FakeReply.Stream(Preliminaries().Data("[DONE]")),
        (_, true) => FakeReply.Stream(Preliminaries()),
        ("claude", false) => FakeReply.Json("""{"id":"msg_empty","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":0}}"""),
        ("openai", false) => FakeReply.Json("""{"id":"chatcmpl-empty","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":null}],"usage":{"prompt_tokens":12,"completion_tokens":0,"total_tokens":12}}"""),
        _ => FakeReply.Json("""{"candidates":[{"content":{"role":"model","parts":[]},"index":0}],"usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":0,"totalTokenCount":12}}"""),
    };

    private const string GeminiUsageOnlyChunk = """{"usageMetadata":{"promptTokenCount":12,"totalTokenCount":12},"modelVersion":"gemini-2.5-flash"}""";

    /// <summary>A stream that opens with a server-side error naming <paramref name="key"/>, as this protocol reports one inside a 200.</summary>
    public SseScript ErrorEventCarrying(string key) => ServiceType switch
    {
        "claude" => new SseScript().Event("error", AnthropicFakes.ErrorJson("overloaded_error", $"Overloaded for key {key}")),
        "openai" => new SseScript().Data(OpenAIFakes.ErrorJson($"Upstream failed for key {key}", type: "server_error")),
        _ => new SseScript().Data(GeminiFakes.ErrorJson(503, $"Backend overloaded for key {key}", "UNAVAILABLE")),
    };

    public override string ToString() => ServiceType;
}
