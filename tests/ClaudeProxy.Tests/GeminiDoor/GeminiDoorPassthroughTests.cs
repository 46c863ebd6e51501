using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.GeminiDoor;

/// <summary>
/// <c>/v1beta</c> served by a <c>gemini</c> channel: the request goes upstream as the client sent it, to
/// the channel's mapped model, and the answer comes back as the upstream sent it. A stream asked for as
/// one JSON array (no <c>alt=sse</c>) is translated, since channels are always asked for events.
/// </summary>
public sealed class GeminiDoorPassthroughTests
{
    private const string ChannelKey = "AIza-gemini-passthrough-channel-key";

    // Fields the hub has no place for: only a passthrough keeps them.
    private const string Request = """
        {"contents":[{"role":"user","parts":[{"text":"Capital of France?"}]}],
         "safetySettings":[{"category":"HARM_CATEGORY_HATE_SPEECH","threshold":"BLOCK_ONLY_HIGH"}],
         "generationConfig":{"temperature":0.2,"responseModalities":["TEXT"],"mediaResolution":"MEDIA_RESOLUTION_LOW"}}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync() =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("google", "gemini", baseUrl, ChannelKey);
            channel["modelMapping"] = new JsonObject { ["gemini-2.5-pro"] = "gemini-3-pro-preview" };
            return channel;
        }, Token);

    private static HttpClient GoogleClient(TestGateway gateway)
    {
        var client = gateway.CreateClient(authenticated: false);
        client.DefaultRequestHeaders.Add("x-goog-api-key", gateway.AccessKey);
        return client;
    }

    [Fact]
    public async Task GenerateContent_reaches_the_mapped_model_byte_for_byte_and_the_answer_comes_back_as_sent()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        var answer = GeminiFakes.ResponseJson("Paris.", modelVersion: "gemini-3-pro-preview", promptTokens: 14, candidatesTokens: 2);
        upstream.Enqueue(FakeReply.Json(answer));
        using var client = GoogleClient(gateway);

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent", TestGateway.Json(Request), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync(Token));
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1beta/models/gemini-3-pro-preview:generateContent", seen.Path);
        Assert.Equal(ChannelKey, seen.Headers["x-goog-api-key"]);
        Assert.DoesNotContain(gateway.AccessKey, string.Join("\n", seen.Headers.Values), StringComparison.Ordinal);
        Assert.Equal(Request, seen.BodyText);

        using var admin = gateway.CreateClient();
        var logged = await gateway.SingleLogItemAsync(admin);
        Assert.Equal(14, logged["inputTokens"]!.GetValue<long>());
        Assert.Equal(2, logged["outputTokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task StreamGenerateContent_with_alt_sse_is_relayed_chunk_for_chunk_and_its_usage_logged()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        var script = GeminiFakes.StreamChunks("Par", "is.");
        upstream.Enqueue(FakeReply.Stream(script));
        using var client = GoogleClient(gateway);

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", TestGateway.Json(Request), Token);
        var events = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"data: {GeminiFakes.TextChunk("Par")}\n\ndata: {GeminiFakes.FinalChunk("is.")}\n\n", events);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1beta/models/gemini-3-pro-preview:streamGenerateContent", seen.Path);
        Assert.Equal("?alt=sse", seen.QueryString);
        Assert.Equal(Request, seen.BodyText);

        using var admin = gateway.CreateClient();
        var logged = await gateway.SingleLogItemAsync(admin);
        Assert.Equal(GeminiFakes.DefaultPromptTokens, logged["inputTokens"]!.GetValue<long>());
        Assert.Equal(GeminiFakes.DefaultCandidatesTokens, logged["outputTokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_stream_asked_for_as_one_json_array_is_translated()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(GeminiFakes.StreamChunks("Paris.")));
        using var client = GoogleClient(gateway);

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:streamGenerateContent", TestGateway.Json(Request), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsType<JsonArray>(JsonNode.Parse(await response.Content.ReadAsStringAsync(Token)));
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("?alt=sse", seen.QueryString);
        Assert.DoesNotContain("mediaResolution", seen.BodyText, StringComparison.Ordinal);
    }
}
