using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic.Models.Messages;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Responses;

/// <summary>The official Anthropic SDK and raw Messages requests through the gateway to a fake OpenAI Responses upstream.</summary>
public sealed class ResponsesChannelTests
{
    private const string Model = "claude-sonnet-4-5";
    private const string ChannelKey = "sk-responses-key-1";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(Action<JsonObject>? configure = null, params string[] keys) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("codex-upstream", "responses", baseUrl, keys.Length == 0 ? [ChannelKey] : keys);
            channel["modelMapping"] = new JsonObject { ["sonnet"] = "gpt-5.1" };
            configure?.Invoke(channel);
            return channel;
        }, Token);

    private static MessageCreateParams Ask(string text) => new()
    {
        Model = Model,
        MaxTokens = 1024,
        Messages = [new UserMessageParam { Content = text }],
    };

    [Fact]
    public async Task A_message_is_sent_as_a_stateless_responses_request_and_its_answer_comes_back_with_cached_tokens_split_out()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json("""
            {"id":"resp_1","object":"response","created_at":1,"status":"completed","model":"gpt-5.1",
             "output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi there","annotations":[]}]}],
             "usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":60},"output_tokens":7,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":107}}
            """));

        var message = await gateway.CreateSdkClient().Messages.Create(Ask("hello") with { System = "Be brief." }, Token);

        Assert.Equal(Model, message.Model.Raw());
        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.Equal("Hi there", text.Text);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.Equal((40, 60, 7), (message.Usage.InputTokens, message.Usage.CacheReadInputTokens, message.Usage.OutputTokens));

        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/responses", seen.Path);
        Assert.Equal("Bearer " + ChannelKey, seen.Headers["authorization"]);
        Assert.False(seen.Headers.ContainsKey("x-api-key"));
        Assert.DoesNotContain(gateway.AccessKey, string.Join("\n", seen.Headers.Values), StringComparison.Ordinal);
        var body = seen.Json();
        Assert.Equal("gpt-5.1", body.GetProperty("model").GetString());
        Assert.False(body.GetProperty("store").GetBoolean());
        Assert.Equal(1024, body.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal("Be brief.", body.GetProperty("instructions").GetString());
        var input = Assert.Single(body.GetProperty("input").EnumerateArray());
        Assert.Equal(("message", "user"), (input.GetProperty("type").GetString(), input.GetProperty("role").GetString()));
        Assert.Equal("hello", InputText(input));
        Assert.False(body.TryGetProperty("messages", out _));
        Assert.False(body.TryGetProperty("reasoning", out _));
    }

    [Fact]
    public async Task Streamed_text_is_accumulated_by_the_sdk()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.TextStream("Hel", "lo ", "wörld 🌍")));

        var message = await Anthropic.SseAggregatorExtensions.Aggregate(gateway.CreateSdkClient().Messages.CreateStreaming(Ask("hello"), Token));

        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.Equal("Hello wörld 🌍", text.Text);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.Equal(ResponsesFakes.DefaultOutputTokens, message.Usage.OutputTokens);
        Assert.True(Assert.Single(upstream.Requests).Json().GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task A_function_call_becomes_a_tool_use_and_the_next_turn_sends_the_call_and_its_output_back()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.Stream(
            ResponsesFakes.Message("Checking."),
            ResponsesFakes.FunctionCall("call_weather", "get_weather", """{"city":"Paris","unit":"°C"}"""))));
        upstream.Enqueue(ResponsesFakes.Text("Sunny in Paris."));
        const string tools = """[{"name":"get_weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]""";
        using var client = gateway.CreateClient();

        var first = await RawSse.PostAndCheckAsync(client, $$"""{"model":"{{Model}}","max_tokens":64,"stream":true,"tools":{{tools}},"messages":[{"role":"user","content":"weather?"}]}""", Token);

        Assert.Equal("tool_use", (string?)first.Message["stop_reason"]);
        var content = first.Message["content"]!.AsArray();
        Assert.Equal("Checking.", (string?)content[0]!["text"]);
        Assert.Equal(("tool_use", "call_weather", "get_weather"), ((string?)content[1]!["type"], (string?)content[1]!["id"], (string?)content[1]!["name"]));
        Assert.Equal("Paris", (string?)content[1]!["input"]!["city"]);
        Assert.Equal("°C", (string?)content[1]!["input"]!["unit"]);
        var offered = Assert.Single(upstream.Requests[0].Json().GetProperty("tools").EnumerateArray());
        Assert.Equal(("function", "get_weather"), (offered.GetProperty("type").GetString(), offered.GetProperty("name").GetString()));
        Assert.Equal("string", offered.GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());

        var history = new JsonArray(
            new JsonObject { ["role"] = "user", ["content"] = "weather?" },
            new JsonObject { ["role"] = "assistant", ["content"] = content.DeepClone() },
            new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = "call_weather", ["content"] = "sunny, 21 °C" }),
            });
        using var second = await client.PostAsync("/v1/messages", TestGateway.Json($$"""{"model":"{{Model}}","max_tokens":64,"tools":{{tools}},"messages":{{history.ToJsonString()}}}"""), Token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var input = upstream.Requests[1].Json().GetProperty("input").EnumerateArray().ToList();
        var call = Assert.Single(input, item => item.GetProperty("type").GetString() == "function_call");
        Assert.Equal(("call_weather", "get_weather"), (call.GetProperty("call_id").GetString(), call.GetProperty("name").GetString()));
        using (var arguments = JsonDocument.Parse(call.GetProperty("arguments").GetString()!))
        {
            Assert.Equal("Paris", arguments.RootElement.GetProperty("city").GetString());
        }

        var output = Assert.Single(input, item => item.GetProperty("type").GetString() == "function_call_output");
        Assert.Equal("call_weather", output.GetProperty("call_id").GetString());
        Assert.Equal("sunny, 21 °C", output.GetProperty("output").GetString());
        Assert.True(input.IndexOf(call) < input.IndexOf(output));
    }

    [Fact]
    public async Task Reasoning_comes_back_as_a_thinking_block_whose_signature_returns_the_encrypted_item_on_the_next_turn()
    {
        await using var harness = await StartAsync(channel => channel["reasoning"] = "openai");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.Stream(
            ResponsesFakes.Reasoning("Weighing the options.", "enc-opaque-1", "rs_first"),
            ResponsesFakes.Message("Option B."))));
        upstream.Enqueue(ResponsesFakes.Text("Because it is cheaper."));
        using var client = gateway.CreateClient();

        var first = await RawSse.PostAndCheckAsync(client, $$"""{"model":"{{Model}}","max_tokens":4096,"stream":true,"thinking":{"type":"enabled","budget_tokens":2048},"messages":[{"role":"user","content":"A or B?"}]}""", Token);

        var sent = upstream.Requests[0].Json();
        Assert.Equal("medium", sent.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Contains("reasoning.encrypted_content", sent.GetProperty("include").EnumerateArray().Select(i => i.GetString()));
        var content = first.Message["content"]!.AsArray();
        Assert.Equal(("thinking", "Weighing the options."), ((string?)content[0]!["type"], (string?)content[0]!["thinking"]));
        Assert.StartsWith("gw1.responses.", (string?)content[0]!["signature"], StringComparison.Ordinal);
        Assert.Equal("Option B.", (string?)content[1]!["text"]);

        var history = new JsonArray(
            new JsonObject { ["role"] = "user", ["content"] = "A or B?" },
            new JsonObject { ["role"] = "assistant", ["content"] = content.DeepClone() },
            new JsonObject { ["role"] = "user", ["content"] = "Why?" });
        using var second = await client.PostAsync("/v1/messages", TestGateway.Json($$"""{"model":"{{Model}}","max_tokens":4096,"thinking":{"type":"enabled","budget_tokens":2048},"messages":{{history.ToJsonString()}}}"""), Token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var reasoning = Assert.Single(upstream.Requests[1].Json().GetProperty("input").EnumerateArray(), item => item.GetProperty("type").GetString() == "reasoning");
        Assert.Equal("enc-opaque-1", reasoning.GetProperty("encrypted_content").GetString());
        Assert.False(reasoning.TryGetProperty("id", out _));
    }

    [Theory]
    [InlineData(401, """{"error":{"message":"Incorrect API key provided: sk-responses-key-1","type":"invalid_request_error","code":"invalid_api_key"}}""", 401, "authentication_error")]
    [InlineData(429, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}""", 402, "billing_error")]
    [InlineData(429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", 429, "rate_limit_error")]
    [InlineData(400, """{"error":{"message":"Unsupported parameter: 'reasoning.effort'","type":"invalid_request_error","param":"reasoning.effort","code":"unsupported_parameter"}}""", 400, "invalid_request_error")]
    [InlineData(503, "<html>Service Unavailable</html>", 529, "overloaded_error")]
    public async Task Upstream_errors_become_anthropic_envelopes(int upstreamStatus, string upstreamBody, int expectedStatus, string expectedType)
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Text(upstreamStatus, upstreamBody, upstreamBody.StartsWith('<') ? "text/html" : "application/json"));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json($$"""{"model":"{{Model}}","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"x"}]}"""), Token);

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Token);
        var envelope = JsonNode.Parse(text)!;
        Assert.Equal("error", (string?)envelope["type"]);
        Assert.Equal(expectedType, (string?)envelope["error"]!["type"]);
        Assert.Contains("codex-upstream", (string?)envelope["error"]!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(ChannelKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_fails_before_any_content_is_retried_on_the_next_key_and_the_client_sees_only_the_answer()
    {
        await using var harness = await StartAsync(keys: ["sk-responses-first", "sk-responses-second"]);
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.FailedStream("server_error", "The server had an error while processing your request.")));
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.TextStream("Recovered.")));
        using var client = gateway.CreateClient();

        var result = await RawSse.PostAndCheckAsync(client, $$"""{"model":"{{Model}}","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"x"}]}""", Token);

        Assert.Null(result.Error);
        Assert.Equal("Recovered.", (string?)result.Message["content"]![0]!["text"]);
        Assert.Equal(2, upstream.Requests.Count);
        Assert.NotEqual(upstream.Requests[0].Headers["authorization"], upstream.Requests[1].Headers["authorization"]);
    }

    [Fact]
    public async Task A_stream_that_ends_before_the_response_completes_is_an_error_not_end_turn()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event("response.output_item.added", """{"type":"response.output_item.added","output_index":0,"item":{"type":"message","id":"msg_1","status":"in_progress","role":"assistant","content":[]},"sequence_number":0}""")
            .Event("response.output_text.delta", """{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"cut off mid-","sequence_number":1}""")));
        using var client = gateway.CreateClient();

        var result = await RawSse.PostAndCheckAsync(client, $$"""{"model":"{{Model}}","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"x"}]}""", Token);

        Assert.NotNull(result.Error);
        Assert.DoesNotContain("message_stop", result.EventTypes);
    }

    [Fact]
    public async Task Client_cancel_mid_stream_cancels_the_upstream_call()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event("response.output_text.delta", """{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"first","sequence_number":0}""")
            .Hang()));
        using var client = gateway.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = TestGateway.Json($$"""{"model":"{{Model}}","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"x"}]}"""),
        };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);

        response.Dispose();

        await (await upstream.WaitForRequestAsync(1, Token)).Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
    }

    private static string InputText(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(part => part.GetProperty("text").GetString()));
    }
}
