using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.GeminiDoor;

/// <summary>
/// Google's Gemini API on <c>/v1beta</c>, over raw HTTP as Google's clients send it, served by each channel
/// type through the fakes: what the client reads back, and what each upstream was sent.
/// </summary>
public sealed class GeminiDoorHttpTests
{
    private const string ChannelKey = "sk-ant-api03-gemini-door-channel-key-0123456789";
    private const string Request = """{"contents":[{"role":"user","parts":[{"text":"Capital of France?"}]}],"systemInstruction":{"parts":[{"text":"Answer briefly."}]}}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(string serviceType, params string[] keys) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("door", serviceType, baseUrl, keys.Length == 0 ? [ChannelKey] : keys);
            channel["modelMapping"] = new JsonObject { ["gemini-2.5-pro"] = serviceType == "gemini" ? "gemini-2.5-flash" : "claude-sonnet-4-5" };
            return channel;
        }, Token);

    /// <summary>A client that sends the access key as Google's clients do, in <c>x-goog-api-key</c>.</summary>
    private static HttpClient GoogleClient(TestGateway gateway, string? key = null)
    {
        var client = gateway.CreateClient(authenticated: false);
        client.DefaultRequestHeaders.Add("x-goog-api-key", key ?? gateway.AccessKey);
        return client;
    }

    private static async Task<JsonNode> JsonOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;

    [Fact]
    public async Task GenerateContent_through_a_claude_channel_answers_a_candidate_with_text_finish_reason_and_usage()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.Message("Paris.", inputTokens: 12, outputTokens: 3));
        using var client = GoogleClient(gateway);

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent", TestGateway.Json(Request), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await JsonOf(response);
        var candidate = answer["candidates"]![0]!;
        Assert.Equal("Paris.", candidate["content"]!["parts"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("model", candidate["content"]!["role"]!.GetValue<string>());
        Assert.Equal("STOP", candidate["finishReason"]!.GetValue<string>());
        Assert.Equal(12, answer["usageMetadata"]!["promptTokenCount"]!.GetValue<int>());
        Assert.Equal(3, answer["usageMetadata"]!["candidatesTokenCount"]!.GetValue<int>());

        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/messages", seen.Path);
        Assert.Equal(ChannelKey, seen.Headers["x-api-key"]);
        Assert.False(seen.Headers.ContainsKey("x-goog-api-key"));
        var body = seen.Json();
        Assert.Equal("claude-sonnet-4-5", body.GetProperty("model").GetString());
        Assert.Equal("Answer briefly.", body.GetProperty("system").GetString());
    }

    [Fact]
    public async Task StreamGenerateContent_with_alt_sse_streams_chunks_as_server_sent_events_through_an_openai_channel()
    {
        await using var harness = await StartAsync("openai", "sk-openai-gemini-door-key");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(OpenAIFakes.ChunkStream("claude-sonnet-4-5", "Hello", " from OpenAI")));
        using var client = GoogleClient(gateway);

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", TestGateway.Json(Request), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var chunks = (await response.Content.ReadAsStringAsync(Token))
            .Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[6..])!).ToList();
        var text = string.Concat(chunks.SelectMany(c => c["candidates"]?[0]?["content"]?["parts"]?.AsArray() ?? [])
            .Select(p => p?["text"]?.GetValue<string>()));
        Assert.Equal("Hello from OpenAI", text);
        Assert.Equal("STOP", chunks[^1]["candidates"]![0]!["finishReason"]!.GetValue<string>());
        Assert.Equal("/v1/chat/completions", Assert.Single(upstream.Requests).Path);
    }

    [Fact]
    public async Task StreamGenerateContent_with_alt_sse_streams_a_function_call_part_through_a_responses_channel()
    {
        await using var harness = await StartAsync("responses", "sk-responses-gemini-door-key");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(ResponsesFakes.Stream(ResponsesFakes.FunctionCall("call_capital", "lookup_capital", """{"country":"France"}"""))));
        using var client = GoogleClient(gateway);
        const string withTools = """{"contents":[{"role":"user","parts":[{"text":"Capital of France?"}]}],"tools":[{"functionDeclarations":[{"name":"lookup_capital","parameters":{"type":"object","properties":{"country":{"type":"string"}}}}]}]}""";

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", TestGateway.Json(withTools), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = (await response.Content.ReadAsStringAsync(Token))
            .Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[6..])!)
            .SelectMany(c => c["candidates"]?[0]?["content"]?["parts"]?.AsArray() ?? []).ToList();
        var call = Assert.Single(parts, p => p?["functionCall"] is not null)!["functionCall"]!;
        Assert.Equal("lookup_capital", call["name"]!.GetValue<string>());
        Assert.Equal("France", call["args"]!["country"]!.GetValue<string>());
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/responses", seen.Path);
        Assert.Equal("Bearer sk-responses-gemini-door-key", seen.Headers["authorization"]);
    }

    [Fact]
    public async Task StreamGenerateContent_without_alt_streams_one_json_array_through_a_gemini_channel_keyed_by_the_query()
    {
        await using var harness = await StartAsync("gemini", "gemini-door-upstream-key-0123456789");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(GeminiFakes.StreamChunks("Hello", " from Gemini")));
        using var client = gateway.CreateClient(authenticated: false);

        using var response = await client.PostAsync($"/v1beta/models/gemini-2.5-pro:streamGenerateContent?key={gateway.AccessKey}", TestGateway.Json(Request), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var chunks = (await JsonOf(response)).AsArray();
        var text = string.Concat(chunks.SelectMany(c => c!["candidates"]?[0]?["content"]?["parts"]?.AsArray() ?? [])
            .Select(p => p?["text"]?.GetValue<string>()));
        Assert.Equal("Hello from Gemini", text);
        var seen = Assert.Single(upstream.Requests);
        Assert.Contains("gemini-2.5-flash:streamGenerateContent", seen.Path, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.AccessKey, seen.ToString(), StringComparison.Ordinal);
        Assert.Equal("gemini-door-upstream-key-0123456789", seen.Headers["x-goog-api-key"]);
    }

    [Fact]
    public async Task A_function_call_comes_back_as_a_function_call_part_and_its_response_reaches_the_upstream_as_a_tool_result()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(
            FakeReply.Json(200, """
                {"id":"msg_g1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"tool_use","id":"toolu_g1","name":"get_weather","input":{"city":"Oslo"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}}
                """),
            AnthropicFakes.Message("Sunny in Oslo."));
        using var client = GoogleClient(gateway);
        const string Tools = "\"tools\":" + """[{"functionDeclarations":[{"name":"get_weather","description":"Weather of a city","parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]},{"googleSearch":{}}]""";

        using var first = await client.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent",
            TestGateway.Json("""{"contents":[{"role":"user","parts":[{"text":"Weather in Oslo?"}]}],""" + Tools + "}"), Token);
        var call = (await JsonOf(first))["candidates"]![0]!["content"]!["parts"]!.AsArray().Single(p => p!["functionCall"] is not null)!;
        var history = new JsonArray(
            JsonNode.Parse("""{"role":"user","parts":[{"text":"Weather in Oslo?"}]}"""),
            new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(call.DeepClone()) },
            JsonNode.Parse("""{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"sunny, 21 °C"}}}]}"""));
        using var second = await client.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent",
            TestGateway.Json("{\"contents\":" + history.ToJsonString() + "," + Tools + "}"), Token);

        Assert.Equal("get_weather", call["functionCall"]!["name"]!.GetValue<string>());
        Assert.Equal("Oslo", call["functionCall"]!["args"]!["city"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var tools = upstream.Requests[0].Json().GetProperty("tools");
        Assert.Equal("get_weather", Assert.Single(tools.EnumerateArray()).GetProperty("name").GetString());
        var messages = upstream.Requests[1].Json().GetProperty("messages");
        var toolUse = messages[1].GetProperty("content")[0];
        var toolResult = messages[2].GetProperty("content")[0];
        Assert.Equal("tool_use", toolUse.GetProperty("type").GetString());
        Assert.Equal("tool_result", toolResult.GetProperty("type").GetString());
        Assert.Equal(toolUse.GetProperty("id").GetString(), toolResult.GetProperty("tool_use_id").GetString());
        // The client's JSON escaped the degree sign; the door copies the client's string bytes as they are.
        Assert.Contains("sunny, 21 \\u00B0C", toolResult.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountTokens_answers_total_tokens_from_the_channel_s_count()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(AnthropicFakes.CountTokens(42));
        using var client = GoogleClient(gateway);

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:countTokens", TestGateway.Json("""{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(42, (await JsonOf(response))["totalTokens"]!.GetValue<int>());
        Assert.Equal("/v1/messages/count_tokens", Assert.Single(upstream.Requests).Path);
    }

    [Fact]
    public async Task The_model_list_names_the_models_the_config_maps_in_google_s_shape()
    {
        await using var harness = await StartAsync("claude");
        var (_, gateway) = harness;
        using var client = GoogleClient(gateway);

        using var response = await client.GetAsync("/v1beta/models", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var model = Assert.Single((await JsonOf(response))["models"]!.AsArray())!;
        Assert.Equal("models/gemini-2.5-pro", model["name"]!.GetValue<string>());
        Assert.Contains("generateContent", model["supportedGenerationMethods"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_401_in_google_s_error_shape()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        using var client = GoogleClient(gateway, "not-the-access-key");

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent", TestGateway.Json(Request), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await JsonOf(response))["error"]!;
        Assert.Equal(401, error["code"]!.GetValue<int>());
        Assert.Equal("UNAUTHENTICATED", error["status"]!.GetValue<string>());
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task An_overloaded_channel_answers_503_unavailable_in_google_s_error_shape()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.SetDefault(AnthropicFakes.Error(529, "overloaded_error", "Overloaded"));
        using var client = GoogleClient(gateway);

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent", TestGateway.Json(Request), Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = (await JsonOf(response))["error"]!;
        Assert.Equal(503, error["code"]!.GetValue<int>());
        Assert.Equal("UNAVAILABLE", error["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_malformed_request_is_refused_with_400_invalid_argument_naming_the_field_and_logged_under_the_door_s_path()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        using var client = GoogleClient(gateway);

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent",
            TestGateway.Json("""{"contents":[{"role":"user","parts":[{"text":42}]}]}"""), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await JsonOf(response))["error"]!;
        Assert.Equal("INVALID_ARGUMENT", error["status"]!.GetValue<string>());
        Assert.StartsWith("contents[0].parts[0].text", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(upstream.Requests);
        using var admin = gateway.CreateClient();
        var logged = await gateway.SingleLogItemAsync(admin);
        Assert.Equal("/v1beta/models/gemini-2.5-pro:generateContent", logged["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_model_method_is_404_in_google_s_error_shape()
    {
        await using var harness = await StartAsync("claude");
        var (_, gateway) = harness;
        using var client = GoogleClient(gateway);

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:embedContent", TestGateway.Json("{}"), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", (await JsonOf(response))["error"]!["status"]!.GetValue<string>());
    }
}
