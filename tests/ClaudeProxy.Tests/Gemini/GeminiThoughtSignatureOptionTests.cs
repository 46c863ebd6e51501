using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static ClaudeProxy.FakeUpstreams.GeminiFakes;

namespace ClaudeProxy.Tests.Gemini;

/// <summary>
/// A gemini channel's <c>injectDummyThoughtSignature</c> and <c>stripThoughtSignature</c>, seen on the second
/// request of a tool round trip: the call Gemini made goes back with the signature the channel asks for.
/// </summary>
public sealed class GeminiThoughtSignatureOptionTests
{
    private const string Tool = """{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";
    private const string First = $$"""{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Weather in Oslo?"}],"tools":[{{Tool}}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData(true, null, null, "skip_thought_signature_validator")]
    [InlineData(true, null, "sig-from-gemini", "sig-from-gemini")]
    [InlineData(null, null, "sig-from-gemini", "sig-from-gemini")]
    [InlineData(null, true, "sig-from-gemini", null)]
    [InlineData(true, true, null, null)]
    public async Task A_call_goes_back_upstream_with_the_signature_the_channel_options_ask_for(bool? inject, bool? strip, string? given, string? sent)
    {
        await using var harness = await ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("gemini", "gemini", new Uri(baseUrl, "v1beta"), "AIza-gemini-key-1");
            channel["modelMapping"] = new JsonObject { ["sonnet"] = "gemini-2.5-flash" };
            channel["injectDummyThoughtSignature"] = inject;
            channel["stripThoughtSignature"] = strip;
            return channel;
        }, Token);
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => request.BodyText.Contains("functionResponse", StringComparison.Ordinal)
            ? GeminiFakes.Response("3C in Oslo.")
            : FakeReply.Json(Chunk([FunctionCallPart("get_weather", new JsonObject { ["city"] = "Oslo" }, signature: given)], "STOP", promptTokens: 5))));
        using var client = gateway.CreateClient();

        var answer = await PostAsync(client, First);
        await PostAsync(client, NextTurn(answer));

        var body = upstream.Requests[1].Json();
        var call = Assert.Single(body.GetProperty("contents").EnumerateArray().Where(c => c.GetProperty("role").GetString() == "model").SelectMany(c => c.GetProperty("parts").EnumerateArray()));
        Assert.Equal("get_weather", call.GetProperty("functionCall").GetProperty("name").GetString());
        Assert.Equal(sent, call.TryGetProperty("thoughtSignature", out var signature) ? signature.GetString() : null);
        if (sent is null)
        {
            Assert.DoesNotContain("thoughtSignature", upstream.Requests[1].BodyText, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonObject> PostAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(json), Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The conversation's next request: the question, the answer as the client got it, and the call's result.</summary>
    private static string NextTurn(JsonObject answer)
    {
        var request = JsonNode.Parse(First)!.AsObject();
        var call = answer["content"]!.AsArray().Single(b => (string?)b!["type"] == "tool_use")!;
        request["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = answer["content"]!.DeepClone() });
        request["messages"]!.AsArray().Add(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = (string?)call["id"], ["content"] = "3C" }),
        });
        return request.ToJsonString();
    }
}
