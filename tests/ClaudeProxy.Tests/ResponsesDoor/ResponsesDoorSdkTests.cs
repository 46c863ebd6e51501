using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using OpenAI.Responses;
using Xunit;

#pragma warning disable OPENAI001 // The SDK marks its Responses client as evaluation-only.

namespace ClaudeProxy.Tests.ResponsesDoor;

/// <summary>
/// The official OpenAI .NET SDK on <c>/v1/responses</c>, served by each channel type through the fakes:
/// what the SDK reads back, and what each upstream was sent.
/// </summary>
public sealed class ResponsesDoorSdkTests
{
    private const string ChannelKey = "sk-ant-api03-responses-channel-key-0123456789";
    private const string Signature = "EqQBCkYIBxgCKkBsig+/==";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static BinaryData WeatherSchema => BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");

    private static Task<ChannelHarness> StartAsync(string serviceType, params string[] keys) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("door", serviceType, baseUrl, keys.Length == 0 ? [ChannelKey] : keys);
            channel["modelMapping"] = new JsonObject { ["gpt-5-codex"] = serviceType == "gemini" ? "gemini-2.5-pro" : "claude-sonnet-4-5" };
            return channel;
        }, Token);

    private static ResponsesClient Client(TestGateway gateway, string? key = null) =>
        new(new ApiKeyCredential(key ?? gateway.AccessKey), new ResponsesClientOptions
        {
            Endpoint = new Uri(gateway.BaseUrl, "v1"),
            RetryPolicy = new ClientRetryPolicy(0),
        });

    private static CreateResponseOptions Options(params ResponseItem[] input) => new("gpt-5-codex", input);

    private static CreateResponseOptions Streaming(params ResponseItem[] input) => new("gpt-5-codex", input) { StreamingEnabled = true };

    [Fact]
    public async Task A_claude_channel_answers_the_sdk_with_output_text_and_usage_counting_cached_tokens_as_input_tokens()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, """
            {"id":"msg_r1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"text","text":"Paris."}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"output_tokens":3,"cache_read_input_tokens":100,"cache_creation_input_tokens":0}}
            """));
        var options = Options(ResponseItem.CreateUserMessageItem("Capital of France?"));
        options.Instructions = "Answer briefly.";
        options.MaxOutputTokenCount = 200;

        ResponseResult response = await Client(gateway).CreateResponseAsync(options, Token);

        Assert.Equal("Paris.", response.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(112, response.Usage.InputTokenCount);
        Assert.Equal(100, response.Usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(3, response.Usage.OutputTokenCount);

        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/messages", seen.Path);
        Assert.Equal(ChannelKey, seen.Headers["x-api-key"]);
        Assert.False(seen.Headers.ContainsKey("authorization"));
        var body = seen.Json();
        Assert.Equal("claude-sonnet-4-5", body.GetProperty("model").GetString());
        Assert.Equal(200, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("Answer briefly.", body.GetProperty("system").GetString());
        Assert.Equal("Capital of France?", body.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_claude_stream_with_thinking_and_a_tool_call_reaches_the_sdk_as_events_with_the_exact_arguments_and_signed_reasoning()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent(inputTokens: 40))
            .Event(AnthropicFakes.ThinkingBlockStartEvent(0))
            .Event(AnthropicFakes.ThinkingDeltaEvent(0, "The user wants weather."))
            .Event(AnthropicFakes.SignatureDeltaEvent(0, Signature))
            .Event(AnthropicFakes.BlockStopEvent(0))
            .Event(AnthropicFakes.ToolUseBlockStartEvent(1, "toolu_w1", "get_weather"))
            .Event(AnthropicFakes.InputJsonDeltaEvent(1, "{\"city\":"))
            .Event(AnthropicFakes.InputJsonDeltaEvent(1, "\"Paris\"}"))
            .Event(AnthropicFakes.BlockStopEvent(1))
            .Event(AnthropicFakes.MessageDeltaEvent("tool_use", outputTokens: 21))
            .Event(AnthropicFakes.MessageStopEvent())));
        var options = Streaming(ResponseItem.CreateUserMessageItem("Weather in Paris?"));
        options.Tools.Add(ResponseTool.CreateFunctionTool("get_weather", WeatherSchema, strictModeEnabled: false, "Weather of a city"));

        var arguments = new StringBuilder();
        var summary = new StringBuilder();
        ResponseResult? completed = null;
        var kinds = new List<string>();
        await foreach (var update in await Client(gateway).CreateResponseStreamingAsync(options, Token))
        {
            kinds.Add(update.GetType().Name);
            switch (update)
            {
                case StreamingResponseFunctionCallArgumentsDeltaUpdate delta:
                    arguments.Append(delta.Delta.ToString());
                    break;
                case StreamingResponseReasoningSummaryTextDeltaUpdate thinking:
                    summary.Append(thinking.Delta);
                    break;
                case StreamingResponseCompletedUpdate done:
                    completed = done.Response;
                    break;
            }
        }

        Assert.Equal("{\"city\":\"Paris\"}", arguments.ToString());
        Assert.Equal("The user wants weather.", summary.ToString());
        Assert.Equal(nameof(StreamingResponseCreatedUpdate), kinds[0]);
        Assert.Equal(nameof(StreamingResponseCompletedUpdate), kinds[^1]);
        Assert.NotNull(completed);
        Assert.Equal(40, completed.Usage.InputTokenCount);
        Assert.Equal(21, completed.Usage.OutputTokenCount);
        var reasoning = Assert.IsType<ReasoningResponseItem>(completed.OutputItems[0]);
        Assert.False(string.IsNullOrEmpty(reasoning.EncryptedContent));
        var call = Assert.IsType<FunctionCallResponseItem>(completed.OutputItems[1]);
        Assert.Equal("toolu_w1", call.CallId);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("{\"city\":\"Paris\"}", call.FunctionArguments.ToString());
        Assert.True(Assert.Single(upstream.Requests).Json().GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task A_stateless_turn_that_replays_reasoning_and_a_tool_call_gives_the_upstream_its_signed_thinking_back()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(
            FakeReply.Json(200, $$$"""
                {"id":"msg_t1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"thinking","thinking":"Need the weather.","signature":"{{{Signature}}}"},
                            {"type":"tool_use","id":"toolu_w2","name":"get_weather","input":{"city":"Oslo"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}}
                """),
            AnthropicFakes.Message("It is sunny in Oslo."));
        var client = Client(gateway);
        var first = Options(ResponseItem.CreateUserMessageItem("Weather in Oslo?"));
        first.StoredOutputEnabled = false;
        first.ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.Medium };
        first.IncludedProperties.Add(IncludedResponseProperty.ReasoningEncryptedContent);
        first.Tools.Add(ResponseTool.CreateFunctionTool("get_weather", WeatherSchema, strictModeEnabled: false, "Weather of a city"));

        ResponseResult firstAnswer = await client.CreateResponseAsync(first, Token);
        var second = Options([ResponseItem.CreateUserMessageItem("Weather in Oslo?"), .. firstAnswer.OutputItems,
            ResponseItem.CreateFunctionCallOutputItem("toolu_w2", "sunny, 21 °C")]);
        second.StoredOutputEnabled = false;
        second.ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.Medium };
        second.Tools.Add(ResponseTool.CreateFunctionTool("get_weather", WeatherSchema, strictModeEnabled: false, "Weather of a city"));
        ResponseResult secondAnswer = await client.CreateResponseAsync(second, Token);

        Assert.Equal("It is sunny in Oslo.", secondAnswer.GetOutputText());
        Assert.Equal("enabled", upstream.Requests[1].Json().GetProperty("thinking").GetProperty("type").GetString());
        var messages = upstream.Requests[1].Json().GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        var assistant = messages[1].GetProperty("content");
        Assert.Equal("thinking", assistant[0].GetProperty("type").GetString());
        Assert.Equal("Need the weather.", assistant[0].GetProperty("thinking").GetString());
        Assert.Equal(Signature, assistant[0].GetProperty("signature").GetString());
        Assert.Equal("tool_use", assistant[1].GetProperty("type").GetString());
        Assert.Equal("toolu_w2", assistant[1].GetProperty("id").GetString());
        var result = messages[2].GetProperty("content")[0];
        Assert.Equal("tool_result", result.GetProperty("type").GetString());
        Assert.Equal("toolu_w2", result.GetProperty("tool_use_id").GetString());
        Assert.Contains("sunny, 21 °C", result.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_response_is_continued_by_previous_response_id_with_the_whole_conversation_sent_upstream()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.Message("Nice to meet you, Ada."), AnthropicFakes.Message("Your name is Ada."));
        var client = Client(gateway);

        ResponseResult first = await client.CreateResponseAsync("gpt-5-codex", "My name is Ada.", previousResponseId: null, Token);
        ResponseResult second = await client.CreateResponseAsync("gpt-5-codex", "What is my name?", first.Id, Token);

        Assert.Equal("Your name is Ada.", second.GetOutputText());
        Assert.Equal(first.Id, second.PreviousResponseId);
        var messages = upstream.Requests[1].Json().GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Contains("My name is Ada.", messages[0].GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Nice to meet you, Ada.", messages[1].GetRawText(), StringComparison.Ordinal);
        Assert.Contains("What is my name?", messages[2].GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_previous_response_id_is_refused_with_400_naming_the_field()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client(gateway).CreateResponseAsync("gpt-5-codex", "hi", "resp_0123456789abcdef0123456789abcdef", Token));

        Assert.Equal(400, error.Status);
        var envelope = JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!["error"]!;
        Assert.Equal("invalid_request_error", envelope["type"]!.GetValue<string>());
        Assert.Equal("previous_response_id", envelope["param"]!.GetValue<string>());
        Assert.Contains("resp_0123456789abcdef0123456789abcdef", envelope["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task An_openai_channel_serves_the_door_and_its_tool_calls_come_back_to_the_sdk_as_function_call_items()
    {
        await using var harness = await StartAsync("openai", "sk-openai-responses-door-key");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, """
            {"id":"chatcmpl-up","object":"chat.completion","created":1,"model":"claude-sonnet-4-5",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},
               "finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":30,"completion_tokens":9,"total_tokens":39}}
            """));
        var options = Options(ResponseItem.CreateUserMessageItem("Weather in Oslo?"));
        options.Tools.Add(ResponseTool.CreateFunctionTool("get_weather", WeatherSchema, strictModeEnabled: false, "Weather of a city"));

        ResponseResult response = await Client(gateway).CreateResponseAsync(options, Token);

        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(response.OutputItems));
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("Oslo", JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("city").GetString());
        Assert.Equal(30, response.Usage.InputTokenCount);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/chat/completions", seen.Path);
        Assert.Equal("Bearer sk-openai-responses-door-key", seen.Headers["authorization"]);
    }

    [Fact]
    public async Task A_gemini_channel_streams_text_to_the_sdk()
    {
        await using var harness = await StartAsync("gemini", "gemini-responses-door-key-0123456789");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(GeminiFakes.StreamChunks("Hello", " from Gemini")));

        var text = new StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in await Client(gateway).CreateResponseStreamingAsync(Streaming(ResponseItem.CreateUserMessageItem("hi")), Token))
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

        Assert.Equal("Hello from Gemini", text.ToString());
        Assert.Equal("Hello from Gemini", completed?.GetOutputText());
        Assert.Contains("gemini-2.5-pro:streamGenerateContent", Assert.Single(upstream.Requests).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_responses_channel_streams_a_function_call_to_the_sdk_with_its_exact_arguments()
    {
        await using var harness = await StartAsync("responses", "sk-responses-door-key");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.Stream(
            ResponsesFakes.Message("Looking it up."),
            ResponsesFakes.FunctionCall("call_oslo", "get_weather", """{"city":"Oslo"}"""))));
        var options = Streaming(ResponseItem.CreateUserMessageItem("Weather in Oslo?"));
        options.Tools.Add(ResponseTool.CreateFunctionTool("get_weather", WeatherSchema, strictModeEnabled: false, "Weather of a city"));

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

        Assert.Equal("Looking it up.", text.ToString());
        Assert.NotNull(completed);
        var call = Assert.Single(completed.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.Equal(("call_oslo", "get_weather"), (call.CallId, call.FunctionName));
        Assert.Equal("Oslo", JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("city").GetString());
        Assert.Equal(ResponsesFakes.DefaultInputTokens, completed.Usage.InputTokenCount);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/responses", seen.Path);
        Assert.Equal("Bearer sk-responses-door-key", seen.Headers["authorization"]);
        Assert.Equal("get_weather", seen.Json().GetProperty("tools")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_responses_channel_answers_a_stateless_tool_turn_with_the_call_and_its_output_sent_upstream()
    {
        await using var harness = await StartAsync("responses", "sk-responses-door-key");
        var (upstream, gateway) = harness;
        upstream.Enqueue(ResponsesFakes.Text("It is sunny in Oslo."));
        var options = Options(
            ResponseItem.CreateUserMessageItem("Weather in Oslo?"),
            ResponseItem.CreateFunctionCallItem("call_oslo", "get_weather", BinaryData.FromString("""{"city":"Oslo"}""")),
            ResponseItem.CreateFunctionCallOutputItem("call_oslo", "sunny, 21 °C"));
        options.Tools.Add(ResponseTool.CreateFunctionTool("get_weather", WeatherSchema, strictModeEnabled: false, "Weather of a city"));

        ResponseResult response = await Client(gateway).CreateResponseAsync(options, Token);

        Assert.Equal("It is sunny in Oslo.", response.GetOutputText());
        var input = Assert.Single(upstream.Requests).Json().GetProperty("input").EnumerateArray().ToList();
        Assert.Equal(["message", "function_call", "function_call_output"], input.Select(item => item.GetProperty("type").GetString()));
        Assert.Equal("call_oslo", input[1].GetProperty("call_id").GetString());
        Assert.Equal("call_oslo", input[2].GetProperty("call_id").GetString());
        Assert.Contains("sunny, 21 °C", input[2].GetProperty("output").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_error_in_the_middle_of_a_stream_ends_it_with_response_failed()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent(inputTokens: 5))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Event(AnthropicFakes.TextDeltaEvent(0, "Half"))
            .Event(AnthropicFakes.ErrorEvent("overloaded_error", "Overloaded"))));

        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in await Client(gateway).CreateResponseStreamingAsync(Streaming(ResponseItem.CreateUserMessageItem("hi")), Token))
        {
            updates.Add(update);
        }

        var failed = Assert.IsType<StreamingResponseFailedUpdate>(updates[^1]);
        Assert.Equal(ResponseStatus.Failed, failed.Response.Status);
        Assert.Contains("Overloaded", failed.Response.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(updates, u => u is StreamingResponseCompletedUpdate);
    }

    [Fact]
    public async Task Every_key_rate_limited_answers_429_in_openai_s_error_envelope()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.Error(429, "rate_limit_error", "Number of requests has exceeded your rate limit"));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(gateway).CreateResponseAsync("gpt-5-codex", "hi", null, Token));

        Assert.Equal(429, error.Status);
        var envelope = JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!["error"]!;
        Assert.Equal("rate_limit_error", envelope["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_access_key_is_refused_with_401_in_openai_s_error_envelope()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(gateway, "not-the-key").CreateResponseAsync("gpt-5-codex", "hi", null, Token));

        Assert.Equal(401, error.Status);
        Assert.Equal("authentication_error", JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!["error"]!["type"]!.GetValue<string>());
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task A_custom_tool_call_comes_back_as_a_custom_tool_call_item_with_its_freeform_input()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, """
            {"id":"msg_c1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"tool_use","id":"toolu_p1","name":"apply_patch","input":{"input":"*** Begin Patch\n*** End Patch"}}],
             "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}}
            """));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/responses", TestGateway.Json("""
            {"model":"gpt-5-codex","input":"patch it","store":false,
             "tools":[{"type":"custom","name":"apply_patch","description":"Apply a patch","format":{"type":"grammar","syntax":"lark","definition":"start: /.+/"}},
                      {"type":"web_search"}]}
            """), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["output"]![0]!;
        Assert.Equal("custom_tool_call", item["type"]!.GetValue<string>());
        Assert.Equal("toolu_p1", item["call_id"]!.GetValue<string>());
        Assert.Equal("*** Begin Patch\n*** End Patch", item["input"]!.GetValue<string>());
        var tools = Assert.Single(upstream.Requests).Json().GetProperty("tools");
        var tool = Assert.Single(tools.EnumerateArray());
        Assert.Equal("apply_patch", tool.GetProperty("name").GetString());
        Assert.Equal("string", tool.GetProperty("input_schema").GetProperty("properties").GetProperty("input").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_malformed_request_is_refused_with_400_naming_the_field_in_param_and_logged_under_the_door_s_path()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/responses", TestGateway.Json("""
            {"model":"gpt-5-codex","input":[{"type":"message","role":"user","content":"hi"},{"type":"function_call","call_id":"c1","name":"f","arguments":"[1,2]"}]}
            """), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;
        Assert.Equal("invalid_request_error", envelope["type"]!.GetValue<string>());
        Assert.Equal("input[1].arguments", envelope["param"]!.GetValue<string>());
        Assert.Empty(upstream.Requests);
        var logged = await gateway.SingleLogItemAsync(client);
        Assert.Equal("/v1/responses", logged["path"]!.GetValue<string>());
        Assert.Equal(400, logged["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_answered_request_is_logged_under_the_door_s_path_with_its_tokens()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.Message("logged", inputTokens: 17, outputTokens: 4));
        using var client = gateway.CreateClient();

        await Client(gateway).CreateResponseAsync("gpt-5-codex", "hi", null, Token);

        var logged = await gateway.SingleLogItemAsync(client);
        Assert.Equal("/v1/responses", logged["path"]!.GetValue<string>());
        Assert.Equal(200, logged["status"]!.GetValue<int>());
        Assert.Equal(17, logged["inputTokens"]!.GetValue<long>());
        Assert.Equal(4, logged["outputTokens"]!.GetValue<long>());
    }
}
