using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic.Models.Messages;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static ClaudeProxy.FakeUpstreams.GeminiFakes;

namespace ClaudeProxy.Tests.Gemini;

/// <summary>
/// The official Anthropic SDK, and raw HTTP checked by <see cref="AnthropicStreamChecker"/>, through
/// the gateway to a fake Gemini upstream.
/// </summary>
public sealed class GeminiChannelTests
{
    private const string Model = "claude-sonnet-4-5";
    private const string ChannelKey = "AIza-gemini-key-1";

    private const string WeatherTool = """{"name":"get_weather","description":"Weather for a city.","input_schema":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,"properties":{"city":{"type":"string","format":"city-name"},"-i":{"type":"boolean"}},"required":["city"]}}""";
    private const string TimeTool = """{"name":"get_time","input_schema":{"type":"object","properties":{"zone":{"type":"string"}}}}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(string geminiModel = "gemini-2.5-flash", string baseSuffix = "v1beta", Action<JsonObject>? configure = null, params string[] keys) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("gemini", "gemini", new Uri(baseUrl, baseSuffix), keys.Length == 0 ? [ChannelKey] : keys);
            channel["modelMapping"] = new JsonObject { ["sonnet"] = geminiModel };
            configure?.Invoke(channel);
            return channel;
        }, Token);

    private static string Ask(string text, string? tools = null, string extra = "") =>
        $$"""{"model":"{{Model}}","max_tokens":1024,"messages":[{"role":"user","content":{{JsonSerializer.Serialize(text)}}}]{{(tools is null ? "" : $",\"tools\":[{tools}]")}}{{extra}}}""";

    private static MessageCreateParams Params(string json)
    {
        using var document = JsonDocument.Parse(json);
        var body = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        return MessageCreateParams.FromRawUnchecked(new Dictionary<string, JsonElement>(), new Dictionary<string, JsonElement>(), body);
    }

    /// <summary>The same streamed request through the SDK's accumulator and as raw events through the stream checker.</summary>
    private static async Task<(Message Sdk, AnthropicStreamChecker.StreamCheckResult Raw)> StreamBothWaysAsync(TestGateway gateway, string json)
    {
        var message = await Anthropic.SseAggregatorExtensions.Aggregate(gateway.CreateSdkClient().Messages.CreateStreaming(Params(json), Token));
        var streamed = JsonNode.Parse(json)!.AsObject();
        streamed["stream"] = true;
        using var client = gateway.CreateClient();
        var raw = await RawSse.PostAndCheckAsync(client, streamed.ToJsonString(), Token);
        return (message, raw);
    }

    /// <summary>The conversation's next request: the question, the answer as the client got it, and a result for every call.</summary>
    private static string NextTurn(string firstRequest, JsonObject answer, string result)
    {
        var request = JsonNode.Parse(firstRequest)!.AsObject();
        var results = new JsonArray();
        foreach (var block in answer["content"]!.AsArray().Where(b => (string?)b!["type"] == "tool_use"))
        {
            results.Add(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = (string?)block!["id"], ["content"] = result });
        }

        request["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = answer["content"]!.DeepClone() });
        request["messages"]!.AsArray().Add(new JsonObject { ["role"] = "user", ["content"] = results });
        return request.ToJsonString();
    }

    private static JsonElement[] Parts(RecordedRequest request, string role) =>
        [.. request.Json().GetProperty("contents").EnumerateArray().Where(c => c.GetProperty("role").GetString() == role).SelectMany(c => c.GetProperty("parts").EnumerateArray())];

    [Fact]
    public async Task Non_stream_text_round_trips_with_mapped_usage()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(Chunk([TextPart("Hi "), TextPart("there")], "STOP", promptTokens: 100, candidatesTokens: 7, thoughtsTokens: 3, cachedTokens: 60)));

        var message = await gateway.CreateSdkClient().Messages.Create(Params(Ask("hello", extra: ""","system":"Be brief.","temperature":0.5,"top_k":20,"stop_sequences":["END"]""")), Token);

        Assert.Equal(Model, message.Model.Raw());
        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.Equal("Hi there", text.Text);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.Equal((40, 60, 10), (message.Usage.InputTokens, message.Usage.CacheReadInputTokens, message.Usage.OutputTokens));

        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", seen.Path);
        Assert.Equal("", seen.QueryString);
        Assert.Equal(ChannelKey, seen.Headers["x-goog-api-key"]);
        Assert.False(seen.Headers.ContainsKey("authorization"));
        Assert.False(seen.Headers.ContainsKey("x-api-key"));
        Assert.False(seen.Headers.ContainsKey("anthropic-version"));
        Assert.DoesNotContain(ChannelKey, seen.RawTarget, StringComparison.Ordinal);
        var body = seen.Json();
        Assert.Equal("hello", body.GetProperty("contents")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal("Be brief.", body.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        var config = body.GetProperty("generationConfig");
        Assert.Equal(1024, config.GetProperty("maxOutputTokens").GetInt32());
        Assert.Equal(0.5, config.GetProperty("temperature").GetDouble());
        Assert.Equal(20, config.GetProperty("topK").GetInt32());
        Assert.Equal("END", config.GetProperty("stopSequences")[0].GetString());
        Assert.False(body.TryGetProperty("model", out _));
    }

    [Theory]
    [InlineData("v1beta", "/v1beta/models/gemini-2.5-flash:generateContent")]
    [InlineData("v1beta/", "/v1beta/models/gemini-2.5-flash:generateContent")]
    [InlineData("", "/v1beta/models/gemini-2.5-flash:generateContent")]
    [InlineData("v1", "/v1/models/gemini-2.5-flash:generateContent")]
    [InlineData("gemini/api#", "/gemini/api/models/gemini-2.5-flash:generateContent")]
    public async Task The_version_segment_is_added_only_when_the_base_url_names_none(string baseSuffix, string expectedPath)
    {
        await using var harness = await StartAsync(baseSuffix: baseSuffix);
        var (upstream, gateway) = harness;
        upstream.Enqueue(GeminiFakes.Response("ok"));

        await gateway.CreateSdkClient().Messages.Create(Params(Ask("hello")), Token);

        Assert.Equal(expectedPath, Assert.Single(upstream.Requests).Path);
    }

    [Fact]
    public async Task Streamed_text_is_accumulated_by_the_sdk_and_every_event_passes_the_checker()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Stream(GeminiFakes.StreamChunks("Hel", "lo ", "wörld 🌍")));

        var (message, raw) = await StreamBothWaysAsync(gateway, Ask("hello"));

        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.Equal("Hello wörld 🌍", text.Text);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.Equal(GeminiFakes.DefaultCandidatesTokens, message.Usage.OutputTokens);
        Assert.Equal(["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], raw.EventTypes);
        Assert.All(upstream.Requests, seen =>
        {
            Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent", seen.Path);
            Assert.Equal("?alt=sse", seen.QueryString);
            Assert.False(seen.Json().TryGetProperty("stream", out _));
        });
    }

    [Fact]
    public async Task A_streamed_call_reaches_the_sdk_and_its_result_goes_back_under_the_calls_name()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => request.BodyText.Contains("functionResponse", StringComparison.Ordinal)
            ? FakeReply.Stream(GeminiFakes.StreamChunks("It is 18C."))
            : FakeReply.Stream(new SseScript()
                .Data(Chunk([TextPart("Let me check.")]))
                .Data(Chunk([FunctionCallPart("get_weather", new JsonObject { ["city"] = "Paris", ["-i"] = true })], "STOP", promptTokens: 30, candidatesTokens: 9)))));
        var first = Ask("Weather in Paris?", WeatherTool);

        var (message, raw) = await StreamBothWaysAsync(gateway, first);

        Assert.Equal("tool_use", message.StopReason?.Raw());
        Assert.Equal(2, message.Content.Count);
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Let me check.", text.Text);
        Assert.True(message.Content[1].TryPickToolUse(out var toolUse));
        Assert.Equal("get_weather", toolUse.Name);
        Assert.Matches("^toolu_[A-Za-z0-9]{24}$", toolUse.ID);
        Assert.Equal("Paris", toolUse.Input["city"].GetString());
        Assert.True(toolUse.Input["-i"].GetBoolean());
        var declared = upstream.Requests[0].Json().GetProperty("tools")[0].GetProperty("functionDeclarations")[0];
        Assert.Equal("get_weather", declared.GetProperty("name").GetString());
        Assert.Equal("""{"type":"object","properties":{"city":{"type":"string"},"-i":{"type":"boolean"}},"required":["city"]}""", declared.GetProperty("parameters").GetRawText());

        var (answer, _) = await StreamBothWaysAsync(gateway, NextTurn(first, raw.Message, "18C"));

        Assert.True(Assert.Single(answer.Content).TryPickText(out var final));
        Assert.Equal("It is 18C.", final.Text);
        var second = upstream.Requests[^1];
        var call = Assert.Single(Parts(second, "model"), p => p.TryGetProperty("functionCall", out _)).GetProperty("functionCall");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("Paris", call.GetProperty("args").GetProperty("city").GetString());
        var response = Assert.Single(Parts(second, "user"), p => p.TryGetProperty("functionResponse", out _)).GetProperty("functionResponse");
        Assert.Equal("get_weather", response.GetProperty("name").GetString());
        Assert.Equal("18C", response.GetProperty("response").GetProperty("result").GetString());
    }

    [Fact]
    public async Task Parallel_calls_become_contiguous_tool_blocks_with_ids_unique_across_answers()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Stream(new SseScript()
            .Data(Chunk([TextPart("Checking both.")]))
            .Data(Chunk([FunctionCallPart("get_weather", new JsonObject { ["city"] = "Paris" }), FunctionCallPart("get_time", new JsonObject { ["zone"] = "CET" })], "STOP", promptTokens: 50, candidatesTokens: 20))));

        var (message, raw) = await StreamBothWaysAsync(gateway, Ask("weather and time?", WeatherTool + "," + TimeTool));

        Assert.Equal("tool_use", message.StopReason?.Raw());
        Assert.Equal(3, message.Content.Count);
        Assert.True(message.Content[1].TryPickToolUse(out var weather));
        Assert.True(message.Content[2].TryPickToolUse(out var time));
        Assert.Equal(("get_weather", "Paris"), (weather.Name, weather.Input["city"].GetString()));
        Assert.Equal(("get_time", "CET"), (time.Name, time.Input["zone"].GetString()));
        Assert.Equal((50, 20), (message.Usage.InputTokens, message.Usage.OutputTokens));
        var rawIds = raw.Message["content"]!.AsArray().Where(b => (string?)b!["type"] == "tool_use").Select(b => (string)b!["id"]!);
        string[] ids = [weather.ID, time.ID, .. rawIds];
        Assert.Equal(4, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Thoughts_become_a_thinking_block_whose_signature_returns_on_the_call_it_came_with()
    {
        await using var harness = await StartAsync(configure: channel => channel["reasoning"] = "gemini-budget");
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => request.BodyText.Contains("functionResponse", StringComparison.Ordinal)
            ? GeminiFakes.Response("Sunny.")
            : FakeReply.Stream(new SseScript()
                .Data(Chunk([ThoughtPart("The user wants ")]))
                .Data(Chunk([ThoughtPart("the weather.")]))
                .Data(Chunk([FunctionCallPart("get_weather", new JsonObject { ["city"] = "Paris" }, signature: "CiQBc2lnbmF0dXJl")], "STOP", promptTokens: 40, candidatesTokens: 9, thoughtsTokens: 25)))));
        var first = Ask("Weather in Paris?", WeatherTool, ""","thinking":{"type":"enabled","budget_tokens":2048}""");

        var (message, raw) = await StreamBothWaysAsync(gateway, first);

        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.Equal("The user wants the weather.", thinking.Thinking);
        Assert.StartsWith("gw1.gemini.", thinking.Signature, StringComparison.Ordinal);
        Assert.True(message.Content[1].TryPickToolUse(out _));
        Assert.Equal(34, message.Usage.OutputTokens);
        var thinkingConfig = upstream.Requests[0].Json().GetProperty("generationConfig").GetProperty("thinkingConfig");
        Assert.Equal(2048, thinkingConfig.GetProperty("thinkingBudget").GetInt32());
        Assert.True(thinkingConfig.GetProperty("includeThoughts").GetBoolean());

        // The client sends the history back, non-streaming this time: the signature is on the call again.
        var next = await gateway.CreateSdkClient().Messages.Create(Params(NextTurn(first, raw.Message, "sunny")), Token);

        Assert.True(Assert.Single(next.Content).TryPickText(out var answer));
        Assert.Equal("Sunny.", answer.Text);
        var parts = Parts(upstream.Requests[^1], "model");
        var call = Assert.Single(parts);
        Assert.Equal("CiQBc2lnbmF0dXJl", call.GetProperty("thoughtSignature").GetString());
        Assert.Equal("get_weather", call.GetProperty("functionCall").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_signature_without_thoughts_is_replayed_from_the_gateways_memory_and_unknown_calls_get_the_skip_value()
    {
        await using var harness = await StartAsync(geminiModel: "gemini-3-pro-preview");
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => request.BodyText.Contains("functionResponse", StringComparison.Ordinal)
            ? GeminiFakes.Response("Done.")
            : FakeReply.Json(Chunk([FunctionCallPart("get_weather", new JsonObject { ["city"] = "Oslo" }, signature: "sig-remembered")], "STOP", promptTokens: 5))));
        var first = Ask("Weather in Oslo?", WeatherTool);
        var answer = await gateway.CreateSdkClient().Messages.Create(Params(first), Token);
        Assert.True(Assert.Single(answer.Content).TryPickToolUse(out var toolUse));
        var history = JsonNode.Parse($$$"""{"content":[{"type":"tool_use","id":"{{{toolUse.ID}}}","name":"get_weather","input":{"city":"Oslo"}}]}""")!.AsObject();
        var foreign = JsonNode.Parse("""{"content":[{"type":"tool_use","id":"toolu_from_elsewhere","name":"get_weather","input":{"city":"Rome"}}]}""")!.AsObject();

        await gateway.CreateSdkClient().Messages.Create(Params(NextTurn(first, history, "3C")), Token);
        await gateway.CreateSdkClient().Messages.Create(Params(NextTurn(first, foreign, "20C")), Token);

        Assert.Equal("sig-remembered", Assert.Single(Parts(upstream.Requests[1], "model")).GetProperty("thoughtSignature").GetString());
        Assert.Equal("skip_thought_signature_validator", Assert.Single(Parts(upstream.Requests[2], "model")).GetProperty("thoughtSignature").GetString());
        Assert.Equal("/v1beta/models/gemini-3-pro-preview:generateContent", upstream.Requests[2].Path);
    }

    [Fact]
    public async Task Images_are_sent_as_inline_data()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(GeminiFakes.Response("a red dot"));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""
            {"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":[
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
              {"type":"text","text":"What is this?"}]}]}
            """), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = Parts(Assert.Single(upstream.Requests), "user");
        Assert.Equal("image/png", parts[0].GetProperty("inlineData").GetProperty("mimeType").GetString());
        Assert.Equal("iVBORw0KGgo=", parts[0].GetProperty("inlineData").GetProperty("data").GetString());
        Assert.Equal("What is this?", parts[1].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(null, new[] { "Base prompt." }, new[] { "Hello", "<system-reminder>\nPlan mode is on.\n</system-reminder>" })]
    [InlineData(false, new[] { "Base prompt." }, new[] { "Hello", "<system-reminder>\nPlan mode is on.\n</system-reminder>" })]
    [InlineData(true, new[] { "Base prompt.", "Plan mode is on." }, new[] { "Hello" })]
    public async Task Mid_conversation_system_text_stays_in_its_user_turn_unless_the_channel_sets_foldSystemMessages(bool? fold, string[] instruction, string[] firstUser)
    {
        await using var harness = await StartAsync(configure: channel => channel["foldSystemMessages"] = fold);
        var (upstream, gateway) = harness;
        upstream.Enqueue(GeminiFakes.Response("ok"));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""
            {"model":"claude-sonnet-4-5","max_tokens":64,"system":"Base prompt.","messages":[
              {"role":"user","content":"Hello"},{"role":"system","content":"Plan mode is on."},
              {"role":"assistant","content":"Hi"},{"role":"user","content":"Plan it"}]}
            """), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = Assert.Single(upstream.Requests).Json();
        Assert.Equal(instruction, body.GetProperty("systemInstruction").GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
        var contents = body.GetProperty("contents");
        Assert.Equal(3, contents.GetArrayLength());
        Assert.Equal(firstUser, contents[0].GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task A_blocked_prompt_is_a_refusal_with_no_content()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Json(Blocked("SAFETY")));

        var message = await gateway.CreateSdkClient().Messages.Create(Params(Ask("something bad")), Token);
        upstream.SetDefault(FakeReply.Stream(new SseScript().Data(Blocked("SAFETY"))));
        var (streamed, raw) = await StreamBothWaysAsync(gateway, Ask("something bad"));

        Assert.Empty(message.Content);
        Assert.Equal("refusal", message.StopReason?.Raw());
        Assert.Empty(streamed.Content);
        Assert.Equal("refusal", streamed.StopReason?.Raw());
        Assert.Equal("refusal", (string?)raw.Message["stop_reason"]);
    }

    [Theory]
    [InlineData(400, "INVALID_ARGUMENT", "API_KEY_INVALID", "API key not valid. Please pass a valid API key.", 401, "authentication_error")]
    [InlineData(429, "RESOURCE_EXHAUSTED", null, "Resource has been exhausted (e.g. check quota).", 429, "rate_limit_error")]
    [InlineData(503, "UNAVAILABLE", null, "The model is overloaded.", 529, "overloaded_error")]
    [InlineData(400, "INVALID_ARGUMENT", null, "Invalid JSON payload received.", 400, "invalid_request_error")]
    [InlineData(404, "NOT_FOUND", null, "models/x is not found.", 404, "not_found_error")]
    public async Task Upstream_errors_before_the_stream_become_anthropic_envelopes(int upstreamStatus, string status, string? reason, string text, int expectedStatus, string expectedType)
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Json(upstreamStatus, GeminiFakes.ErrorJson(upstreamStatus, text, status, reason), ("Retry-After", "17")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Ask("x", extra: ""","stream":true""")), Token);

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("error", (string?)envelope["type"]);
        Assert.Equal(expectedType, (string?)envelope["error"]!["type"]);
        Assert.Contains(text, (string?)envelope["error"]!["message"], StringComparison.Ordinal);
        Assert.Contains("'gemini'", (string?)envelope["error"]!["message"], StringComparison.Ordinal);
        Assert.StartsWith("req_", (string?)envelope["request_id"], StringComparison.Ordinal);
        Assert.DoesNotContain(ChannelKey, envelope.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("17", response.Headers.TryGetValues("retry-after", out var retryAfter) ? retryAfter.Single() : null);
    }

    [Fact]
    public async Task An_invalid_key_moves_on_to_the_next_key()
    {
        await using var harness = await StartAsync(keys: ["AIza-bad-key", "AIza-good-key"]);
        var (upstream, gateway) = harness;
        upstream.Enqueue(GeminiFakes.Error(400, "API key not valid. Please pass a valid API key.", reason: "API_KEY_INVALID"), GeminiFakes.Response("ok"));

        var message = await gateway.CreateSdkClient().Messages.Create(Params(Ask("hello")), Token);

        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.Equal("ok", text.Text);
        Assert.Equal(["AIza-bad-key", "AIza-good-key"], upstream.Requests.Select(r => r.Headers["x-goog-api-key"]));
    }

    [Fact]
    public async Task An_error_chunk_mid_stream_becomes_an_error_event_and_an_sdk_exception()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Stream(new SseScript()
            .Data(GeminiFakes.TextChunk("partial"))
            .Data(GeminiFakes.ErrorJson(503, "The model is overloaded.", "UNAVAILABLE"))
            .Data(GeminiFakes.FinalChunk("never seen"))));
        using var client = gateway.CreateClient();

        var raw = await RawSse.PostAndCheckAsync(client, Ask("x", extra: ""","stream":true"""), Token);
        var sdkError = await Assert.ThrowsAnyAsync<Exception>(() => Anthropic.SseAggregatorExtensions.Aggregate(gateway.CreateSdkClient().Messages.CreateStreaming(Params(Ask("x")), Token)));

        Assert.NotNull(raw.Error);
        Assert.Equal("overloaded_error", (string?)raw.Error!["type"]);
        Assert.Equal("The model is overloaded.", (string?)raw.Error["message"]);
        Assert.DoesNotContain("message_stop", raw.EventTypes);
        Assert.Equal("partial", (string?)raw.Message["content"]![0]!["text"]);
        Assert.Contains("overloaded", sdkError.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_stream_that_ends_cleanly_without_a_finish_reason_is_an_error_not_end_turn()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript().Data(GeminiFakes.TextChunk("cut off mid-"))));
        using var client = gateway.CreateClient();

        var result = await RawSse.PostAndCheckAsync(client, Ask("x", extra: ""","stream":true"""), Token);

        Assert.Equal("api_error", (string?)result.Error?["type"]);
        Assert.Contains("prematurely", (string?)result.Error?["message"], StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", result.EventTypes);
    }

    [Fact]
    public async Task A_connection_reset_mid_stream_is_an_error_event()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        var clientSawText = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Enqueue(FakeReply.Stream(new SseScript().Data(GeminiFakes.TextChunk("reset mid-")).WaitFor(clientSawText.Task).Reset()));
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(Ask("x", extra: ""","stream":true""")) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        var events = new List<SseTestReader.SseEvent>();
        while (await reader.NextAsync(Token) is { } next)
        {
            events.Add(next);
            if (next.Event == "content_block_delta")
            {
                clientSawText.TrySetResult();
            }
        }

        var result = AnthropicStreamChecker.Check(events.Select(e => (e.Event, e.Data)));

        Assert.Equal("api_error", (string?)result.Error?["type"]);
        Assert.Contains("broke off", (string?)result.Error?["message"], StringComparison.Ordinal);
        Assert.Equal("reset mid-", (string?)result.Message["content"]![0]!["text"]);
    }

    [Fact]
    public async Task A_thought_only_stream_without_a_finish_reason_ends_cleanly()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Stream(new SseScript()
            .Data(Chunk([ThoughtPart("Only thinking.")], promptTokens: 10, thoughtsTokens: 4))));

        var (message, raw) = await StreamBothWaysAsync(gateway, Ask("x"));

        Assert.True(Assert.Single(message.Content).TryPickThinking(out var thinking));
        Assert.Equal("Only thinking.", thinking.Thinking);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.Equal("message_stop", raw.EventTypes[^1]);
    }

    [Fact]
    public async Task Client_cancel_mid_stream_cancels_the_upstream_call()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript().Data(GeminiFakes.TextChunk("first")).Hang()));
        using var client = gateway.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(Ask("x", extra: ""","stream":true""")) };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.Equal("ping", (await reader.NextAsync(Token))!.Event);
        Assert.Equal("content_block_start", (await reader.NextAsync(Token))!.Event);

        response.Dispose();

        await (await upstream.WaitForRequestAsync(1, Token)).Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
    }
}
