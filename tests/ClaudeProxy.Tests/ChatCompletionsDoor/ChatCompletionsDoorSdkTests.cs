using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;
using Xunit;

namespace ClaudeProxy.Tests.ChatCompletionsDoor;

/// <summary>
/// The official OpenAI .NET SDK on <c>/v1/chat/completions</c>, served by each channel type through the
/// fakes: what the SDK reads back, and what each upstream was sent.
/// </summary>
public sealed class ChatCompletionsDoorSdkTests
{
    private const string ChannelKey = "sk-ant-api03-door-channel-key-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(string serviceType, params string[] keys) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("door", serviceType, baseUrl, keys.Length == 0 ? [ChannelKey] : keys);
            channel["modelMapping"] = new JsonObject { ["gpt-4o"] = serviceType == "gemini" ? "gemini-2.5-pro" : "claude-sonnet-4-5" };
            return channel;
        }, Token);

    private static ChatClient Client(TestGateway gateway, string? key = null) =>
        new("gpt-4o", new ApiKeyCredential(key ?? gateway.AccessKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(gateway.BaseUrl, "v1"),
            RetryPolicy = new ClientRetryPolicy(0),
        });

    private static BinaryData WeatherSchema => BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");

    [Fact]
    public async Task A_claude_channel_answers_the_sdk_with_text_finish_reason_and_usage_counting_cached_tokens_as_prompt_tokens()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, """
            {"id":"msg_door1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"text","text":"Paris."}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"output_tokens":3,"cache_read_input_tokens":100,"cache_creation_input_tokens":0}}
            """));

        ChatCompletion completion = await Client(gateway).CompleteChatAsync(
            [new SystemChatMessage("Answer briefly."), new UserChatMessage("Capital of France?")],
            new ChatCompletionOptions { MaxOutputTokenCount = 200 }, Token);

        Assert.Equal("Paris.", Assert.Single(completion.Content).Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal("chatcmpl-door1", completion.Id);
        Assert.Equal(112, completion.Usage.InputTokenCount);
        Assert.Equal(100, completion.Usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(3, completion.Usage.OutputTokenCount);

        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/messages", seen.Path);
        Assert.Equal(ChannelKey, seen.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", seen.Headers["anthropic-version"]);
        Assert.False(seen.Headers.ContainsKey("authorization"));
        var body = seen.Json();
        Assert.Equal("claude-sonnet-4-5", body.GetProperty("model").GetString());
        Assert.Equal(200, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("Answer briefly.", body.GetProperty("system").GetString());
        Assert.Equal("user", body.GetProperty("messages")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_claude_stream_with_text_and_a_tool_call_reaches_the_sdk_as_chunks_with_the_exact_arguments_and_usage()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent(inputTokens: 40))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Event(AnthropicFakes.TextDeltaEvent(0, "Let me "))
            .Event(AnthropicFakes.TextDeltaEvent(0, "check."))
            .Event(AnthropicFakes.BlockStopEvent(0))
            .Event(AnthropicFakes.ToolUseBlockStartEvent(1, "toolu_w1", "get_weather"))
            .Event(AnthropicFakes.InputJsonDeltaEvent(1, "{\"city\":"))
            .Event(AnthropicFakes.InputJsonDeltaEvent(1, "\"Paris\"}"))
            .Event(AnthropicFakes.BlockStopEvent(1))
            .Event(AnthropicFakes.MessageDeltaEvent("tool_use", outputTokens: 21))
            .Event(AnthropicFakes.MessageStopEvent())));

        var text = new StringBuilder();
        var arguments = new StringBuilder();
        string? toolId = null, toolName = null;
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather of a city", WeatherSchema) } };
        await foreach (var update in Client(gateway).CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris?")], options, Token))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            foreach (var call in update.ToolCallUpdates)
            {
                Assert.Equal(0, call.Index);
                toolId ??= call.ToolCallId;
                toolName ??= call.FunctionName;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal("Let me check.", text.ToString());
        Assert.Equal("toolu_w1", toolId);
        Assert.Equal("get_weather", toolName);
        Assert.Equal("{\"city\":\"Paris\"}", arguments.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.NotNull(usage);
        Assert.Equal(40, usage.InputTokenCount);
        Assert.Equal(21, usage.OutputTokenCount);

        var body = Assert.Single(upstream.Requests).Json();
        Assert.True(body.GetProperty("stream").GetBoolean());
        var tool = Assert.Single(body.GetProperty("tools").EnumerateArray());
        Assert.Equal("get_weather", tool.GetProperty("name").GetString());
        Assert.Equal("object", tool.GetProperty("input_schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_tool_result_turn_reaches_the_upstream_as_a_tool_use_and_its_tool_result()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.Message("It is sunny."));

        var call = ChatToolCall.CreateFunctionToolCall("toolu_w1", "get_weather", BinaryData.FromString("""{"city":"Paris"}"""));
        ChatCompletion completion = await Client(gateway).CompleteChatAsync(
            [new UserChatMessage("Weather in Paris?"), new AssistantChatMessage([call]), new ToolChatMessage("toolu_w1", "sunny, 21 °C")],
            new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather of a city", WeatherSchema) } }, Token);

        Assert.Equal("It is sunny.", Assert.Single(completion.Content).Text);
        var messages = Assert.Single(upstream.Requests).Json().GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        var toolUse = messages[1].GetProperty("content")[0];
        Assert.Equal("tool_use", toolUse.GetProperty("type").GetString());
        Assert.Equal("toolu_w1", toolUse.GetProperty("id").GetString());
        Assert.Equal("Paris", toolUse.GetProperty("input").GetProperty("city").GetString());
        var toolResult = messages[2].GetProperty("content")[0];
        Assert.Equal("tool_result", toolResult.GetProperty("type").GetString());
        Assert.Equal("toolu_w1", toolResult.GetProperty("tool_use_id").GetString());
        Assert.Contains("sunny, 21 °C", toolResult.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_openai_channel_serves_the_door_and_its_tool_calls_come_back_to_the_sdk()
    {
        await using var harness = await StartAsync("openai", "sk-openai-door-key");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, """
            {"id":"chatcmpl-up","object":"chat.completion","created":1,"model":"claude-sonnet-4-5",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},
               "finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":30,"completion_tokens":9,"total_tokens":39}}
            """));

        ChatCompletion completion = await Client(gateway).CompleteChatAsync([new UserChatMessage("Weather in Oslo?")],
            new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather of a city", WeatherSchema) } }, Token);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var toolCall = Assert.Single(completion.ToolCalls);
        Assert.Equal("call_1", toolCall.Id);
        Assert.Equal("get_weather", toolCall.FunctionName);
        Assert.Equal("Oslo", JsonDocument.Parse(toolCall.FunctionArguments).RootElement.GetProperty("city").GetString());
        Assert.Equal(30, completion.Usage.InputTokenCount);

        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/chat/completions", seen.Path);
        Assert.Equal("Bearer sk-openai-door-key", seen.Headers["authorization"]);
    }

    [Fact]
    public async Task A_gemini_channel_streams_text_to_the_sdk()
    {
        await using var harness = await StartAsync("gemini", "gemini-door-key-0123456789");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(GeminiFakes.StreamChunks("Hello", " from Gemini")));

        var text = new StringBuilder();
        await foreach (var update in Client(gateway).CompleteChatStreamingAsync([new UserChatMessage("hi")], new ChatCompletionOptions(), Token))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("Hello from Gemini", text.ToString());
        Assert.Contains("gemini-2.5-pro:streamGenerateContent", Assert.Single(upstream.Requests).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_responses_channel_serves_the_door_and_its_function_calls_come_back_to_the_sdk_as_tool_calls()
    {
        await using var harness = await StartAsync("responses", "sk-responses-chat-door-key");
        var (upstream, gateway) = harness;
        upstream.Enqueue(ResponsesFakes.Response(ResponsesFakes.FunctionCall("call_1", "get_weather", """{"city":"Oslo"}""")));

        ChatCompletion completion = await Client(gateway).CompleteChatAsync([new UserChatMessage("Weather in Oslo?")],
            new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather of a city", WeatherSchema) } }, Token);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var toolCall = Assert.Single(completion.ToolCalls);
        Assert.Equal(("call_1", "get_weather"), (toolCall.Id, toolCall.FunctionName));
        Assert.Equal("Oslo", JsonDocument.Parse(toolCall.FunctionArguments).RootElement.GetProperty("city").GetString());
        Assert.Equal(ResponsesFakes.DefaultInputTokens, completion.Usage.InputTokenCount);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/responses", seen.Path);
        Assert.Equal("Bearer sk-responses-chat-door-key", seen.Headers["authorization"]);
    }

    [Fact]
    public async Task A_responses_channel_streams_text_to_the_sdk()
    {
        await using var harness = await StartAsync("responses", "sk-responses-chat-door-key");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.TextStream("Hello", " from Responses")));

        var text = new StringBuilder();
        await foreach (var update in Client(gateway).CompleteChatStreamingAsync([new UserChatMessage("hi")], new ChatCompletionOptions(), Token))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("Hello from Responses", text.ToString());
        Assert.True(Assert.Single(upstream.Requests).Json().GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task The_sdk_lists_the_models_an_anthropic_channel_serves()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.Models("claude-sonnet-4-5", "claude-haiku-4-5"));
        var client = new OpenAIModelClient(new ApiKeyCredential(gateway.AccessKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(gateway.BaseUrl, "v1"),
            RetryPolicy = new ClientRetryPolicy(0),
        });

        OpenAIModelCollection models = await client.GetModelsAsync(Token);

        Assert.Equal(["claude-sonnet-4-5", "claude-haiku-4-5"], models.Select(m => m.Id));
        Assert.All(models, m => Assert.Equal("claude-proxy", m.OwnedBy));
    }

    [Fact]
    public async Task A_failing_key_fails_over_to_the_next_before_the_sdk_sees_anything()
    {
        await using var harness = await StartAsync("claude", ChannelKey, "sk-ant-api03-door-second-key-987654321");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.Error(529, "overloaded_error", "Overloaded"), AnthropicFakes.Message("second key"));

        ChatCompletion completion = await Client(gateway).CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions(), Token);

        Assert.Equal("second key", Assert.Single(completion.Content).Text);
        Assert.Equal(2, upstream.Requests.Count);
    }

    [Fact]
    public async Task Every_key_rate_limited_answers_429_in_openai_s_error_envelope()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.Error(429, "rate_limit_error", "Number of requests has exceeded your rate limit"));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(gateway).CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions(), Token));

        Assert.Equal(429, error.Status);
        var envelope = JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!["error"]!;
        Assert.Equal("rate_limit_error", envelope["type"]!.GetValue<string>());
        Assert.Contains("rate limit", envelope["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_access_key_is_refused_with_401_in_openai_s_error_envelope()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(gateway, "not-the-key").CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions(), Token));

        Assert.Equal(401, error.Status);
        var envelope = JsonNode.Parse(error.GetRawResponse()!.Content.ToString())!["error"]!;
        Assert.Equal("authentication_error", envelope["type"]!.GetValue<string>());
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task A_malformed_request_is_refused_with_400_naming_the_field_in_param_and_logged()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", TestGateway.Json("""
            {"model":"gpt-4o","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"[1,2]"}}]}]}
            """), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;
        Assert.Equal("invalid_request_error", envelope["type"]!.GetValue<string>());
        Assert.Equal("messages[1].tool_calls[0].function.arguments", envelope["param"]!.GetValue<string>());
        Assert.StartsWith("messages[1].tool_calls[0].function.arguments", envelope["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(upstream.Requests);
        var logged = await gateway.SingleLogItemAsync(client);
        Assert.Equal("/v1/chat/completions", logged["path"]!.GetValue<string>());
        Assert.Equal(400, logged["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_answered_request_is_logged_under_the_door_s_path_with_its_tokens()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.Message("logged", inputTokens: 17, outputTokens: 4));
        using var client = gateway.CreateClient();

        await Client(gateway).CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions(), Token);

        var logged = await gateway.SingleLogItemAsync(client);
        Assert.Equal("/v1/chat/completions", logged["path"]!.GetValue<string>());
        Assert.Equal(200, logged["status"]!.GetValue<int>());
        Assert.Equal(17, logged["inputTokens"]!.GetValue<long>());
        Assert.Equal(4, logged["outputTokens"]!.GetValue<long>());
    }
}
