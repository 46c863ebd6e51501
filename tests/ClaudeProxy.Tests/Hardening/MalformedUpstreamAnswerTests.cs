using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Hardening;

/// <summary>An upstream answer that is JSON of the wrong shape is the upstream's fault: a 502 envelope, or an <c>error</c> event mid-stream — never a crash.</summary>
public sealed class MalformedUpstreamAnswerTests
{
    private const string Body = """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("openai", """{"id":"x","choices":[5]}""")]
    [InlineData("gemini", """{"candidates":[5]}""")]
    [InlineData("responses", """{"id":"resp_1","object":"response","status":"completed","output":[5]}""")]
    public async Task A_wrongly_shaped_answer_is_a_502_envelope(string serviceType, string answer)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Json(answer));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.Channel("relay", serviceType, upstream.BaseUrl, "sk-relay")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("api_error", (string?)envelope["error"]!["type"]);
    }

    [Fact]
    public async Task A_wrongly_shaped_stream_chunk_ends_the_stream_with_an_error_event()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript().Data(OpenAIFakes.TextChunk("Hel")).Data("""{"choices":[[{"index":0,"delta":{"content":"lo"}}]]}""").Done()));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.Channel("relay", "openai", upstream.BaseUrl, "sk-relay")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body.Replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\"", StringComparison.Ordinal)), Token);
        var events = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("event: error", events, StringComparison.Ordinal);
        Assert.DoesNotContain("event: message_stop", events, StringComparison.Ordinal);
    }
}
