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

    /// <summary>A script that starts with one complete, ordinary event of this protocol.</summary>
    public SseScript FirstEvent() => ServiceType switch
    {
        "claude" => new SseScript().Event(AnthropicFakes.MessageStartEvent("m")),
        "openai" => new SseScript().Data(OpenAIFakes.RoleChunk()),
        _ => new SseScript().Data(GeminiFakes.TextChunk("partial ")),
    };

    /// <summary>A stream that opens with a server-side error naming <paramref name="key"/>, as this protocol reports one inside a 200.</summary>
    public SseScript ErrorEventCarrying(string key) => ServiceType switch
    {
        "claude" => new SseScript().Event("error", AnthropicFakes.ErrorJson("overloaded_error", $"Overloaded for key {key}")),
        "openai" => new SseScript().Data(OpenAIFakes.ErrorJson($"Upstream failed for key {key}", type: "server_error")),
        _ => new SseScript().Data(GeminiFakes.ErrorJson(503, $"Backend overloaded for key {key}", "UNAVAILABLE")),
    };

    public override string ToString() => ServiceType;
}
