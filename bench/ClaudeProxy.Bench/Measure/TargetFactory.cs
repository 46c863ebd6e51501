using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Load;
using ClaudeProxy.Bench.Mock;
using ClaudeProxy.Bench.Payloads;

namespace ClaudeProxy.Bench.Measure;

/// <summary>The request targets of a scenario: against the mock (floors), a gateway, or the peer.</summary>
internal sealed class TargetFactory(PayloadSet payloads, Uri mockUrl, string accessKey)
{
    private static readonly ResponseExpectation AnthropicMessage = new(["\"type\":\"message\"", "Hello!"]);
    private static readonly ResponseExpectation AnthropicStream = new(["event: message_stop"], MockPayloads.StreamEvents);

    public (RequestTarget Main, RequestTarget? Paced) ForFloor(Scenario scenario) => scenario.Id switch
    {
        "a-small" => (Target("mock-a-small", mockUrl, "/v1/messages", PayloadSet.Small, false, AnthropicMessage), null),
        "a-large" => (Target("mock-a-large", mockUrl, "/v1/chat/completions", PayloadSet.UpstreamOpenAI, false, new(["\"chat.completion\""])), null),
        "a-stream" => (
            Target("mock-a-stream", mockUrl, "/v1/chat/completions", PayloadSet.UpstreamOpenAIStream, true, new(["[DONE]"])),
            Target("mock-a-stream-paced", mockUrl, "/paced/v1/chat/completions", PayloadSet.UpstreamOpenAIStream, true, new(["[DONE]"]))),
        "a-gemini" => (
            Target("mock-a-gemini", mockUrl, GeminiPath(""), PayloadSet.UpstreamGeminiStream, true, new(["\"finishReason\":\"STOP\""])),
            Target("mock-a-gemini-paced", mockUrl, GeminiPath("/paced"), PayloadSet.UpstreamGeminiStream, true, new(["\"finishReason\":\"STOP\""]))),
        _ => throw new ArgumentException($"{scenario.Id} is not a floor."),
    };

    public (RequestTarget Main, RequestTarget? Paced) ForGateway(Scenario scenario, Uri gateway, string system) => scenario.Id switch
    {
        "b" => (Target($"{system}-b", gateway, "/v1/messages", PayloadSet.Small, false, AnthropicMessage), null),
        "c" => (Target($"{system}-c", gateway, "/v1/messages", PayloadSet.Large, false, AnthropicMessage), null),
        "d" => (
            Target($"{system}-d", gateway, "/v1/messages", PayloadSet.LargeStream, true, AnthropicStream),
            Target($"{system}-d-paced", gateway, "/v1/messages", PayloadSet.LargePaced, true, AnthropicStream)),
        "e" => (
            Target($"{system}-e", gateway, "/v1/messages", PayloadSet.GeminiStream, true, AnthropicStream),
            Target($"{system}-e-paced", gateway, "/v1/messages", PayloadSet.GeminiPaced, true, AnthropicStream)),
        _ => throw new ArgumentException($"{scenario.Id} is not a gateway scenario."),
    };

    /// <summary>The peer gets the same Anthropic bodies; its own router picks the mock, whatever the model.</summary>
    public RequestTarget ForPeer(Scenario scenario, Uri peer, string system) => scenario.Id switch
    {
        "c" => Target($"{system}-c", peer, "/v1/messages", PayloadSet.Large, false, new(["\"type\":\"message\""])),
        "d" => Target($"{system}-d", peer, "/v1/messages", PayloadSet.LargeStream, true, new(["message_stop"])),
        _ => throw new ArgumentException($"The peer runs scenarios c and d only, not {scenario.Id}."),
    };

    private static string GeminiPath(string prefix) =>
        $"{prefix}/v1beta/models/{GatewayConfigFile.GeminiModel}:streamGenerateContent?alt=sse";

    private RequestTarget Target(string id, Uri server, string pathAndQuery, string body, bool streaming, ResponseExpectation expect) =>
        new(id, new Uri(server, pathAndQuery), payloads.Bytes(body), payloads.File(body), streaming,
            [new("x-api-key", accessKey), new("anthropic-version", "2023-06-01")], expect);
}
