using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using OpenAI;
using OpenAI.Chat;
using Xunit;

namespace ClaudeProxy.Tests.ChatCompletionsDoor;

/// <summary>
/// <c>/v1/chat/completions</c> served by an <c>openai</c> channel: the request goes upstream as the client
/// sent it but for its mapped <c>model</c>, and the answer comes back as the upstream sent it. A stream that
/// asks for no usage, and an <c>openaiold</c> channel (which exists to rewrite requests), are translated.
/// </summary>
public sealed class ChatCompletionsPassthroughTests
{
    private const string ChannelKey = "sk-proj-chat-passthrough-key";

    // Fields the hub has no place for: only a passthrough keeps them.
    private const string Request = """
        {"model":"gpt-4o","messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"Hi"}],
         "logit_bias":{"50256":-100},"seed":7,"n":1,"service_tier":"flex"}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(string serviceType = "openai") =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("relay", serviceType, baseUrl, ChannelKey);
            channel["modelMapping"] = new JsonObject { ["gpt-4o"] = "gpt-4.1" };
            return channel;
        }, Token);

    private static ChatClient Client(TestGateway gateway) =>
        new("gpt-4o", new ApiKeyCredential(gateway.AccessKey), new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task A_request_reaches_an_openai_channel_byte_for_byte_but_its_mapped_model_and_the_answer_comes_back_as_sent()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        var answer = OpenAIFakes.ChatCompletionJson("Hello.", model: "gpt-4.1", promptTokens: 21, completionTokens: 3);
        upstream.Enqueue(FakeReply.Json(answer));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", TestGateway.Json(Request), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync(Token));
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/chat/completions", seen.Path);
        Assert.Equal("Bearer " + ChannelKey, seen.Headers["authorization"]);
        Assert.DoesNotContain(gateway.AccessKey, string.Join("\n", seen.Headers.Values), StringComparison.Ordinal);
        Assert.Equal(Request.Replace("\"gpt-4o\"", "\"gpt-4.1\"", StringComparison.Ordinal), seen.BodyText);

        var logged = await gateway.SingleLogItemAsync(client);
        Assert.Equal("/v1/chat/completions", logged["path"]!.GetValue<string>());
        Assert.Equal(21, logged["inputTokens"]!.GetValue<long>());
        Assert.Equal(3, logged["outputTokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_stream_with_usage_asked_is_relayed_chunk_for_chunk_and_its_usage_logged()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(OpenAIFakes.ChunkStream("gpt-4.1", "Hel", "lo.")));
        var options = new ChatCompletionOptions();

        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in Client(gateway).CompleteChatStreamingAsync([new UserChatMessage("Hi")], options, Token))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            usage ??= update.Usage;
        }

        Assert.Equal("Hello.", text.ToString());
        Assert.Equal(OpenAIFakes.DefaultPromptTokens, usage?.InputTokenCount);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("gpt-4.1", sent.Json().GetProperty("model").GetString());
        Assert.True(sent.Json().GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.False(sent.Json().TryGetProperty("max_tokens", out _));

        using var client = gateway.CreateClient();
        var logged = await gateway.SingleLogItemAsync(client);
        Assert.Equal(OpenAIFakes.DefaultPromptTokens, logged["inputTokens"]!.GetValue<long>());
        Assert.Equal(OpenAIFakes.DefaultCompletionTokens, logged["outputTokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_stream_that_asks_for_no_usage_is_translated_so_the_log_still_gets_its_counts()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(OpenAIFakes.ChunkStream("gpt-4.1", "Hello.")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", TestGateway.Json(
            Request.Replace("\"seed\":7", "\"seed\":7,\"stream\":true", StringComparison.Ordinal)), Token);
        var events = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hello.", events, StringComparison.Ordinal);
        Assert.DoesNotContain("\"usage\":{", events, StringComparison.Ordinal);
        var sent = Assert.Single(upstream.Requests).Json();
        Assert.True(sent.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.False(sent.TryGetProperty("logit_bias", out _));
        var logged = await gateway.SingleLogItemAsync(client);
        Assert.Equal(OpenAIFakes.DefaultPromptTokens, logged["inputTokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_openaiold_channel_gets_the_request_translated_with_max_tokens()
    {
        await using var harness = await StartAsync("openaiold");
        var (upstream, gateway) = harness;
        upstream.Enqueue(OpenAIFakes.ChatCompletion("Hello."));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", TestGateway.Json(
            Request.Replace("\"seed\":7", "\"seed\":7,\"max_completion_tokens\":50", StringComparison.Ordinal)), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(upstream.Requests).Json();
        Assert.Equal(50, sent.GetProperty("max_tokens").GetInt32());
        Assert.False(sent.TryGetProperty("max_completion_tokens", out _));
    }
}
