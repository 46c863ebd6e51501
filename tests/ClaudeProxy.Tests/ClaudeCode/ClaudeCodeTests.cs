using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static ClaudeProxy.Tests.TestKit.ClaudeCodeScenario;

namespace ClaudeProxy.Tests.ClaudeCode;

/// <summary>
/// The real Claude Code CLI in print mode, offline, through the gateway to a scripted upstream that
/// asks it to run one Bash command and then answers with what the command printed.
/// </summary>
public sealed class ClaudeCodeTests
{
    private const string ToolUseId = "toolu_fake_bash_01";
    private const string ToolCallId = "call_fake_bash_01";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claude_code_runs_a_tool_and_answers_through_a_claude_channel()
    {
        const string channelKey = "sk-ant-api03-claude-code-channel";
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(FakeReply.Dynamic(AnthropicTurn));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, channelKey)));

        var gatewayRequests = await RunAndCheckAsync(gateway, upstream);

        // Claude Code ran the command: what it printed came back as the result of the scripted call.
        var requests = upstream.Requests;
        Assert.Contains(requests, r => OffersTool(r.Json(), "Bash") && AnthropicToolResultBlock(r.Json()) is null);
        var toolResult = Assert.Single(requests, r => AnthropicToolResultBlock(r.Json()) is not null);
        var block = AnthropicToolResultBlock(toolResult.Json())!.Value;
        Assert.Equal(ToolOutput, FirstLine(block.TryGetProperty("content", out var content) ? Text(content) : ""));
        Assert.False(block.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True, block.ToString());

        // The case translators must handle is really exercised: a system message inside messages.
        Assert.Contains(requests, r => Messages(r.Json()).Any(m => Str(m, "role") == "system"));

        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/v1/messages", request.Path);
            Assert.Equal("?beta=true", request.QueryString);
            Assert.Equal(channelKey, request.Headers.GetValueOrDefault("x-api-key"));
            Assert.False(request.Headers.ContainsKey("authorization"), request.ToString());
            Assert.DoesNotContain(gateway.AccessKey, string.Join("\n", request.Headers.Values), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(request.Headers.GetValueOrDefault("anthropic-beta")), request.ToString());
            Assert.True(request.Headers.ContainsKey("anthropic-version"), request.ToString());
        }

        Assert.All(requests.Where(r => OffersTool(r.Json(), "Bash")), r => Assert.Equal(Model, r.Json().GetProperty("model").GetString()));
        AssertGatewayAnsweredEverything(gatewayRequests, requests.Count);
    }

    [Fact]
    public async Task Claude_code_runs_a_tool_and_answers_through_an_openai_channel()
    {
        const string channelKey = "sk-openai-claude-code-channel";
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(FakeReply.Dynamic(OpenAITurn));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.Channel("openai", "openai", upstream.BaseUrl, channelKey)));

        var gatewayRequests = await RunAndCheckAsync(gateway, upstream);

        var requests = upstream.Requests;
        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/v1/chat/completions", request.Path);
            Assert.Equal("Bearer " + channelKey, request.Headers.GetValueOrDefault("authorization"));
            Assert.False(request.Headers.ContainsKey("x-api-key"), request.ToString());
            Assert.DoesNotContain(gateway.AccessKey, string.Join("\n", request.Headers.Values), StringComparison.Ordinal);
        }

        // The second turn, translated: the assistant's call, reassembled from its fragments, then
        // the tool message holding what Claude Code's Bash tool printed.
        var secondTurn = Assert.Single(requests, r => OpenAIToolResult(r.Json()) is not null);
        Assert.Equal(ToolOutput, FirstLine(OpenAIToolResult(secondTurn.Json())!));
        var call = secondTurn.Json().GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "assistant" && m.TryGetProperty("tool_calls", out _))
            .SelectMany(m => m.GetProperty("tool_calls").EnumerateArray())
            .Single(c => c.GetProperty("id").GetString() == ToolCallId);
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("Bash", call.GetProperty("function").GetProperty("name").GetString());
        using (var arguments = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!))
        {
            Assert.Equal(Command, arguments.RootElement.GetProperty("command").GetString());
        }

        Assert.Contains(requests, r => OffersTool(r.Json(), "Bash") && OpenAIToolResult(r.Json()) is null);
        AssertGatewayAnsweredEverything(gatewayRequests, requests.Count);
    }

    // ---- The scripted Anthropic upstream ----

    private static FakeReply AnthropicTurn(RecordedRequest request)
    {
        var body = request.Json();
        var stream = IsStreaming(body);
        var model = body.TryGetProperty("model", out var m) ? m.GetString() ?? Model : Model;
        if (AnthropicToolResult(body) is { } output)
        {
            return AnthropicText(stream, model, FinalPrefix + FirstLine(output));
        }

        if (stream && OffersTool(body, "Bash") && MentionsPrompt(body))
        {
            return FakeReply.Stream(new SseScript()
                .Event(AnthropicFakes.MessageStartEvent(model))
                .Event(AnthropicFakes.ToolUseBlockStartEvent(0, ToolUseId, "Bash"))
                .Event(AnthropicFakes.InputJsonDeltaEvent(0, "{\"command\": \""))
                .Event(AnthropicFakes.InputJsonDeltaEvent(0, Command + "\", \"descr"))
                .Event(AnthropicFakes.InputJsonDeltaEvent(0, "iption\": \"Print a greeting\"}"))
                .Event(AnthropicFakes.BlockStopEvent(0))
                .Event(AnthropicFakes.MessageDeltaEvent("tool_use"))
                .Event(AnthropicFakes.MessageStopEvent()));
        }

        // Anything else (a background call such as a title or a summary) gets a short answer.
        return AnthropicText(stream, model, "OK");
    }

    private static FakeReply AnthropicText(bool stream, string model, string text) =>
        stream ? FakeReply.Stream(AnthropicFakes.TextStream(model, text)) : AnthropicFakes.Message(text, model);

    /// <summary>The text of the <c>tool_result</c> for the scripted call, or null when the request has none.</summary>
    private static string? AnthropicToolResult(JsonElement body) =>
        AnthropicToolResultBlock(body) is { } block
            ? block.TryGetProperty("content", out var content) ? Text(content) : ""
            : null;

    private static JsonElement? AnthropicToolResultBlock(JsonElement body) =>
        Messages(body)
            .Where(m => m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Array)
            .SelectMany(m => m.GetProperty("content").EnumerateArray())
            .Where(b => Str(b, "type") == "tool_result" && Str(b, "tool_use_id") == ToolUseId)
            .Select(b => (JsonElement?)b)
            .FirstOrDefault();

    // ---- The scripted OpenAI upstream ----

    private static FakeReply OpenAITurn(RecordedRequest request)
    {
        var body = request.Json();
        var stream = IsStreaming(body);
        var model = body.TryGetProperty("model", out var m) ? m.GetString() ?? OpenAIFakes.DefaultModel : OpenAIFakes.DefaultModel;
        if (OpenAIToolResult(body) is { } output)
        {
            var text = FinalPrefix + FirstLine(output);
            return stream ? FakeReply.Stream(OpenAIFakes.ChunkStream(model, text)) : OpenAIFakes.ChatCompletion(text, model);
        }

        if (OffersTool(body, "Bash") && MentionsPrompt(body))
        {
            return stream
                ? FakeReply.Stream(new SseScript()
                    .Data(OpenAIFakes.RoleChunk(model))
                    .Data(OpenAIFakes.ToolCallChunk(0, ToolCallId, "Bash", "", model))
                    .Data(OpenAIFakes.ToolCallChunk(0, argumentsFragment: "{\"command\":", model: model))
                    .Data(OpenAIFakes.ToolCallChunk(0, argumentsFragment: "\"" + Command + "\",\"desc", model: model))
                    .Data(OpenAIFakes.ToolCallChunk(0, argumentsFragment: "ription\":\"Print a greeting\"}", model: model))
                    .Data(OpenAIFakes.FinishChunk("tool_calls", model))
                    .Data(OpenAIFakes.UsageChunk(OpenAIFakes.DefaultPromptTokens, OpenAIFakes.DefaultCompletionTokens, model: model))
                    .Done())
                : FakeReply.Json(OpenAIToolCallCompletionJson(model));
        }

        var answer = "OK";
        return stream ? FakeReply.Stream(OpenAIFakes.ChunkStream(model, answer)) : OpenAIFakes.ChatCompletion(answer, model);
    }

    private static string OpenAIToolCallCompletionJson(string model) => new JsonObject
    {
        ["id"] = OpenAIFakes.DefaultCompletionId,
        ["object"] = "chat.completion",
        ["created"] = OpenAIFakes.Created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = ToolCallId,
                    ["type"] = "function",
                    ["function"] = new JsonObject
                    {
                        ["name"] = "Bash",
                        ["arguments"] = "{\"command\":\"" + Command + "\",\"description\":\"Print a greeting\"}",
                    },
                }),
            },
            ["logprobs"] = null,
            ["finish_reason"] = "tool_calls",
        }),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = OpenAIFakes.DefaultPromptTokens,
            ["completion_tokens"] = OpenAIFakes.DefaultCompletionTokens,
            ["total_tokens"] = OpenAIFakes.DefaultPromptTokens + OpenAIFakes.DefaultCompletionTokens,
        },
    }.ToJsonString();

    /// <summary>The content of the <c>role: "tool"</c> message answering the scripted call, or null.</summary>
    private static string? OpenAIToolResult(JsonElement body) =>
        Messages(body)
            .Where(m => Str(m, "role") == "tool" && Str(m, "tool_call_id") == ToolCallId)
            .Select(m => m.TryGetProperty("content", out var c) ? Text(c) : "")
            .FirstOrDefault();
}
