using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using OpenAI.Responses;
using Xunit;

#pragma warning disable OPENAI001 // The SDK marks its Responses client as evaluation-only.

namespace ClaudeProxy.Tests.ResponsesDoor;

/// <summary>
/// <c>/v1/responses</c> served by a <c>responses</c> channel: a stateless request (<c>store: false</c>, no
/// <c>previous_response_id</c>, as Codex sends) goes upstream as the client sent it but for its mapped
/// <c>model</c>, and the answer comes back as the upstream sent it; anything else is translated.
/// </summary>
public sealed class ResponsesPassthroughTests
{
    private const string ChannelKey = "sk-proj-responses-passthrough-key";

    // Fields and tools the hub has no place for: only a passthrough keeps them.
    private const string StatelessRequest = """
        {"model":"gpt-5-codex","store":false,"service_tier":"flex","include":["reasoning.encrypted_content"],
         "instructions":"Be brief.","prompt_cache_key":"session-42",
         "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Weather in Oslo?"}]}],
         "tools":[{"type":"web_search"},{"type":"custom","name":"apply_patch","format":{"type":"text"}}]}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(params string[] keys) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("codex-upstream", "responses", baseUrl, keys.Length == 0 ? [ChannelKey] : keys);
            channel["modelMapping"] = new JsonObject { ["gpt-5-codex"] = "gpt-5.1-codex-max" };
            return channel;
        }, Token);

    private static ResponsesClient Client(TestGateway gateway) =>
        new(new ApiKeyCredential(gateway.AccessKey), new ResponsesClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task A_stateless_request_reaches_the_upstream_byte_for_byte_but_its_mapped_model_and_the_answer_comes_back_as_sent()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        var answer = ResponsesFakes.ResponseJson(ResponsesFakes.Message("Sunny."));
        upstream.Enqueue(FakeReply.Json(answer));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/responses", TestGateway.Json(StatelessRequest), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync(Token));
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/responses", seen.Path);
        Assert.Equal("Bearer " + ChannelKey, seen.Headers["authorization"]);
        Assert.DoesNotContain(gateway.AccessKey, string.Join("\n", seen.Headers.Values), StringComparison.Ordinal);
        Assert.Equal(StatelessRequest.Replace("\"gpt-5-codex\"", "\"gpt-5.1-codex-max\"", StringComparison.Ordinal), seen.BodyText);

        var logged = await gateway.SingleLogItemAsync(client);
        Assert.Equal("/v1/responses", logged["path"]!.GetValue<string>());
        Assert.Equal(ResponsesFakes.DefaultInputTokens, logged["inputTokens"]!.GetValue<long>());
        Assert.Equal(ResponsesFakes.DefaultOutputTokens, logged["outputTokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_stateless_stream_is_relayed_event_for_event_and_the_sdk_reads_it()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.Stream(80, 6, 64,
            ResponsesFakes.Reasoning("Checking.", "enc-1", "rs_up"),
            ResponsesFakes.Message("Sunny in Oslo."))));
        var options = new CreateResponseOptions("gpt-5-codex", [ResponseItem.CreateUserMessageItem("Weather in Oslo?")])
        {
            StreamingEnabled = true,
            StoredOutputEnabled = false,
        };

        var text = new StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in await Client(gateway).CreateResponseStreamingAsync(options, Token))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
            else if (update is StreamingResponseCompletedUpdate done)
            {
                completed = done.Response;
            }
        }

        Assert.Equal("Sunny in Oslo.", text.ToString());
        Assert.NotNull(completed);
        Assert.Equal(ResponsesFakes.DefaultResponseId, completed.Id);
        var reasoning = Assert.Single(completed.OutputItems.OfType<ReasoningResponseItem>());
        Assert.Equal("enc-1", reasoning.EncryptedContent);
        Assert.Equal(80, completed.Usage.InputTokenCount);
        var sent = Assert.Single(upstream.Requests).Json();
        Assert.Equal("gpt-5.1-codex-max", sent.GetProperty("model").GetString());
        Assert.False(sent.GetProperty("store").GetBoolean());

        using var client = gateway.CreateClient();
        var logged = await gateway.SingleLogItemAsync(client);
        Assert.Equal(16, logged["inputTokens"]!.GetValue<long>());
        Assert.Equal(64, logged["cacheReadTokens"]!.GetValue<long>());
        Assert.Equal(6, logged["outputTokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_stream_that_fails_before_any_content_fails_over_to_the_next_key_unseen_by_the_client()
    {
        await using var harness = await StartAsync("sk-proj-first-key-0001", "sk-proj-second-key-0002");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.FailedStream("server_error", "The server had an error.")));
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.TextStream("Recovered.")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/responses", TestGateway.Json(StatelessRequest.Replace("\"store\":false", "\"store\":false,\"stream\":true", StringComparison.Ordinal)), Token);
        var events = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"delta\":\"Recovered.\"", events, StringComparison.Ordinal);
        Assert.Contains("event: response.completed", events, StringComparison.Ordinal);
        Assert.DoesNotContain("response.failed", events, StringComparison.Ordinal);
        Assert.Equal(["Bearer sk-proj-first-key-0001", "Bearer sk-proj-second-key-0002"], upstream.Requests.Select(r => r.Headers["authorization"]));
    }

    [Fact]
    public async Task An_upstream_error_reaches_the_client_in_openai_s_envelope_without_the_channel_key()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(ResponsesFakes.Error(400, $"Invalid value for 'service_tier' (key {ChannelKey}).", param: "service_tier", code: "invalid_value"));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/responses", TestGateway.Json(StatelessRequest), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Contains("service_tier", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(ChannelKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_to_be_stored_is_translated_so_the_gateway_can_continue_it_later()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(ResponsesFakes.Text("Stored answer."));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/responses", TestGateway.Json(StatelessRequest.Replace("\"store\":false", "\"store\":true", StringComparison.Ordinal)), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.NotEqual(ResponsesFakes.DefaultResponseId, answer["id"]!.GetValue<string>());
        Assert.Equal("Stored answer.", answer["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        var sent = Assert.Single(upstream.Requests).Json();
        Assert.False(sent.GetProperty("store").GetBoolean());
        Assert.False(sent.TryGetProperty("service_tier", out _));
    }
}
