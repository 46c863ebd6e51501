using System.Net;
using System.Text.Json.Nodes;
using Anthropic.Models.Messages;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.OpenAI;

/// <summary>The official Anthropic SDK through the gateway to a fake OpenAI-compatible upstream.</summary>
public sealed class OpenAIChannelTests
{
    private const string Model = "claude-sonnet-4-5";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(string serviceType = "openai", Action<JsonObject>? configure = null, params string[] keys) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("relay", serviceType, baseUrl, keys.Length == 0 ? ["sk-openai-key-1"] : keys);
            channel["modelMapping"] = new JsonObject { ["sonnet"] = "gpt-5" };
            configure?.Invoke(channel);
            return channel;
        }, Token);

    private static MessageCreateParams Ask(string text, params ToolUnion[] tools) => new()
    {
        Model = Model,
        MaxTokens = 1024,
        Messages = [new UserMessageParam { Content = text }],
        Tools = tools.Length == 0 ? null : tools,
    };

    [Fact]
    public async Task Non_stream_text_round_trips_with_mapped_usage()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-5",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":100,"completion_tokens":7,"total_tokens":107,"prompt_tokens_details":{"cached_tokens":60}}}
            """));

        var message = await gateway.CreateSdkClient().Messages.Create(Ask("hello"), Token);

        Assert.Equal(Model, message.Model.Raw());
        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.Equal("Hi there", text.Text);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.Equal(40, message.Usage.InputTokens);
        Assert.Equal(60, message.Usage.CacheReadInputTokens);
        Assert.Equal(7, message.Usage.OutputTokens);

        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/chat/completions", seen.Path);
        Assert.Equal("Bearer sk-openai-key-1", seen.Headers["authorization"]);
        Assert.False(seen.Headers.ContainsKey("x-api-key"));
        Assert.False(seen.Headers.ContainsKey("anthropic-version"));
        var body = seen.Json();
        Assert.Equal("gpt-5", body.GetProperty("model").GetString());
        Assert.Equal(1024, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("hello", body.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Openaiold_channels_send_max_tokens()
    {
        await using var harness = await StartAsync("openaiold");
        var (upstream, gateway) = harness;
        upstream.Enqueue(OpenAIFakes.ChatCompletion("ok"));

        await gateway.CreateSdkClient().Messages.Create(Ask("hello"), Token);

        var body = Assert.Single(upstream.Requests).Json();
        Assert.Equal(1024, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.TryGetProperty("max_completion_tokens", out _));
    }

    [Fact]
    public async Task Streamed_text_is_accumulated_by_the_sdk()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(OpenAIFakes.ChunkStream("gpt-5", "Hel", "lo ", "wörld 🌍")));

        var message = await Anthropic.SseAggregatorExtensions.Aggregate(gateway.CreateSdkClient().Messages.CreateStreaming(Ask("hello"), Token));

        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.Equal("Hello wörld 🌍", text.Text);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.True(message.Usage.OutputTokens > 0);
        var body = Assert.Single(upstream.Requests).Json();
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task Interleaved_parallel_tool_calls_become_contiguous_blocks_with_exact_inputs()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        var script = new SseScript()
            .Data(OpenAIFakes.RoleChunk("gpt-5"))
            .Data(OpenAIFakes.TextChunk("Checking both.", "gpt-5"))
            .Data(OpenAIFakes.ToolCallChunk(0, "call_a", "get_weather", "{\"city\":\"Par", "gpt-5"))
            .Data(OpenAIFakes.ToolCallChunk(1, "call_b", "get_time", "{\"zone\":", "gpt-5"))
            .Data(OpenAIFakes.ToolCallChunk(0, argumentsFragment: "is\",\"unit\":\"°C\"}", model: "gpt-5"))
            .Data(OpenAIFakes.ToolCallChunk(1, argumentsFragment: "\"CET\"}", model: "gpt-5"))
            .Data(OpenAIFakes.FinishChunk("tool_calls", "gpt-5"))
            .Data(OpenAIFakes.UsageChunk(50, 20, model: "gpt-5"))
            .Done();
        upstream.SetDefault(FakeReply.Stream(script));
        var tools = new ToolUnion[]
        {
            new Tool { Name = "get_weather", InputSchema = new InputSchema { Properties = new Dictionary<string, System.Text.Json.JsonElement>() } },
            new Tool { Name = "get_time", InputSchema = new InputSchema { Properties = new Dictionary<string, System.Text.Json.JsonElement>() } },
        };

        var message = await Anthropic.SseAggregatorExtensions.Aggregate(gateway.CreateSdkClient().Messages.CreateStreaming(Ask("weather and time?", tools), Token));

        Assert.Equal("tool_use", message.StopReason?.Raw());
        Assert.Equal(3, message.Content.Count);
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Checking both.", text.Text);
        Assert.True(message.Content[1].TryPickToolUse(out var weather));
        Assert.Equal(("call_a", "get_weather"), (weather.ID, weather.Name));
        Assert.Equal(("Paris", "°C"), (weather.Input["city"].GetString(), weather.Input["unit"].GetString()));
        Assert.Equal(2, weather.Input.Count);
        Assert.True(message.Content[2].TryPickToolUse(out var time));
        Assert.Equal(("call_b", "get_time", "CET"), (time.ID, time.Name, time.Input["zone"].GetString()));

        using var client = gateway.CreateClient();
        var raw = await RawSse.PostAndCheckAsync(client, """{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"again"}],"tools":[{"name":"get_weather","input_schema":{"type":"object"}},{"name":"get_time","input_schema":{"type":"object"}}]}""", Token);
        Assert.Equal("tool_use", (string?)raw.Message["stop_reason"]);
        Assert.Equal(50, (int?)raw.Message["usage"]!["input_tokens"]);
        Assert.Equal(20, (int?)raw.Message["usage"]!["output_tokens"]);
    }

    [Fact]
    public async Task Reasoning_content_becomes_a_thinking_block_before_the_text()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Data("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"deepseek","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Let me "},"finish_reason":null}]}""")
            .Data("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"deepseek","choices":[{"index":0,"delta":{"reasoning_content":"think."},"finish_reason":null}]}""")
            .Data(OpenAIFakes.TextChunk("Answer.", "deepseek"))
            .Data(OpenAIFakes.FinishChunk("stop", "deepseek"))
            .Done()));

        var message = await Anthropic.SseAggregatorExtensions.Aggregate(gateway.CreateSdkClient().Messages.CreateStreaming(Ask("think"), Token));

        Assert.Equal(2, message.Content.Count);
        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.Equal("Let me think.", thinking.Thinking);
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal("Answer.", text.Text);
    }

    [Fact]
    public async Task Images_are_sent_as_data_uris()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(OpenAIFakes.ChatCompletion("a red dot"));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""
            {"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":[
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
              {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
              {"type":"text","text":"What is this?"}]}]}
            """), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = Assert.Single(upstream.Requests).Json().GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", content[0].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("https://example.com/cat.jpg", content[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("What is this?", content[2].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(null, "Base prompt.", "Hello\n<system-reminder>\nPlan mode is on.\n</system-reminder>")]
    [InlineData(false, "Base prompt.", "Hello\n<system-reminder>\nPlan mode is on.\n</system-reminder>")]
    [InlineData(true, "Base prompt.\n\nPlan mode is on.", "Hello")]
    public async Task Mid_conversation_system_text_stays_in_its_user_turn_unless_the_channel_sets_foldSystemMessages(bool? fold, string system, string firstUser)
    {
        await using var harness = await StartAsync(configure: channel => channel["foldSystemMessages"] = fold);
        var (upstream, gateway) = harness;
        upstream.Enqueue(OpenAIFakes.ChatCompletion("ok"));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""
            {"model":"claude-sonnet-4-5","max_tokens":64,"system":"Base prompt.","messages":[
              {"role":"user","content":"Hello"},{"role":"system","content":"Plan mode is on."},
              {"role":"assistant","content":"Hi"},{"role":"user","content":"Plan it"}]}
            """), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = Assert.Single(upstream.Requests).Json().GetProperty("messages");
        Assert.Equal(4, messages.GetArrayLength());
        Assert.Equal(("system", system), (messages[0].GetProperty("role").GetString(), messages[0].GetProperty("content").GetString()));
        Assert.Equal(("user", firstUser), (messages[1].GetProperty("role").GetString(), messages[1].GetProperty("content").GetString()));
    }

    [Theory]
    [InlineData(401, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}""", 401, "authentication_error")]
    [InlineData(429, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}""", 402, "billing_error")]
    [InlineData(429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", 429, "rate_limit_error")]
    [InlineData(400, """{"error":{"message":"Unsupported parameter: 'reasoning_effort'","type":"invalid_request_error"}}""", 400, "invalid_request_error")]
    [InlineData(503, "<html>Service Unavailable</html>", 529, "overloaded_error")]
    public async Task Upstream_errors_become_anthropic_envelopes(int upstreamStatus, string upstreamBody, int expectedStatus, string expectedType)
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Text(upstreamStatus, upstreamBody, upstreamBody.StartsWith('<') ? "text/html" : "application/json"));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"x"}]}"""), Token);

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("error", (string?)envelope["type"]);
        Assert.Equal(expectedType, (string?)envelope["error"]!["type"]);
        Assert.Contains("relay", (string?)envelope["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_chunk_mid_stream_becomes_an_error_event()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Data(OpenAIFakes.TextChunk("partial", "gpt-5"))
            .Data("""{"error":{"message":"boom","type":"server_error"}}""")
            .Data(OpenAIFakes.TextChunk("never seen", "gpt-5"))));
        using var client = gateway.CreateClient();

        var result = await RawSse.PostAndCheckAsync(client, """{"model":"claude-sonnet-4-5","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"x"}]}""", Token);

        Assert.NotNull(result.Error);
        Assert.Equal("api_error", (string?)result.Error!["type"]);
        Assert.Equal("boom", (string?)result.Error["message"]);
        Assert.DoesNotContain("message_stop", result.EventTypes);
    }

    [Fact]
    public async Task Stream_that_ends_without_finish_or_done_is_an_error_not_end_turn()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript().Data(OpenAIFakes.TextChunk("cut off mid-", "gpt-5"))));
        using var client = gateway.CreateClient();

        var result = await RawSse.PostAndCheckAsync(client, """{"model":"claude-sonnet-4-5","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"x"}]}""", Token);

        Assert.NotNull(result.Error);
        Assert.Contains("prematurely", (string?)result.Error!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_cancel_mid_stream_cancels_the_upstream_call()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript().Data(OpenAIFakes.TextChunk("first", "gpt-5")).Hang()));
        using var client = gateway.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"x"}]}"""),
        };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);

        response.Dispose();

        await (await upstream.WaitForRequestAsync(1, Token)).Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
    }
}
