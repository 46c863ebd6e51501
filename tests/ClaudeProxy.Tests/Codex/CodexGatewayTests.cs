using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Codex;

/// <summary>
/// The real Codex CLI through the gateway's <c>/v1/responses</c> door, offline, served by each channel
/// type's fake: the model asks Codex to run a shell command, Codex runs it and sends its output back,
/// and the model answers with what it printed.
/// </summary>
public sealed class CodexGatewayTests
{
    private const string ToolOutput = "codex-gateway-ok";
    private const string Command = "echo " + ToolOutput;
    private const string Prompt = "Run " + Command + " in the shell and tell me what it printed.";
    private const string FinalAnswer = "done: " + ToolOutput;
    private const string Signature = "EqQBCkYIBxgCKkCodexGatewaySignature==";

    // A name Codex has no metadata for, as a gateway's models are; mapped to each channel's own model.
    private const string Model = "claude-sonnet-5";

    // A model of Codex's own catalog: Codex asks for reasoning and offers its freeform apply_patch tool.
    private const string CatalogModel = "gpt-5.5";

    private static readonly string ExecArguments = new JsonObject { ["cmd"] = Command }.ToJsonString();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(string serviceType, string model, string? reasoning = null) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("codex", serviceType, baseUrl, "sk-codex-channel-key-0123456789");
            channel["modelMapping"] = new JsonObject { [model] = UpstreamModel(serviceType) };
            channel["reasoning"] = reasoning;
            return channel;
        }, Token);

    private static string UpstreamModel(string serviceType) => serviceType switch
    {
        "gemini" => "gemini-2.5-pro",
        "responses" => "gpt-5.1-codex",
        _ => "claude-sonnet-4-5",
    };

    [Fact]
    public async Task Codex_runs_a_shell_tool_through_a_claude_channel_and_answers_with_its_output()
    {
        await using var harness = await StartAsync("claude", Model);
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => HasToolResult(request.Json(), out _)
            ? FakeReply.Stream(AnthropicFakes.TextStream("claude-sonnet-4-5", FinalAnswer))
            : FakeReply.Stream(AnthropicToolCall(thinking: false))));

        var run = await CodexCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, Model, cancellationToken: Token);

        AssertAnswered(run, upstream);
        var first = upstream.Requests[0].Json();
        Assert.Equal("claude-sonnet-4-5", first.GetProperty("model").GetString());
        Assert.True(first.GetProperty("stream").GetBoolean());
        var tools = first.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("exec_command", tools);
        Assert.DoesNotContain("multi_agent_v1", tools);
        Assert.True(HasToolResult(upstream.Requests[1].Json(), out var result));
        Assert.Contains(ToolOutput, result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codex_keeps_its_signed_reasoning_across_the_tool_turn_through_a_claude_channel_without_storing_anything()
    {
        await using var harness = await StartAsync("claude", CatalogModel);
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => HasToolResult(request.Json(), out _)
            ? FakeReply.Stream(AnthropicFakes.TextStream("claude-sonnet-4-5", FinalAnswer))
            : FakeReply.Stream(AnthropicToolCall(thinking: true))));

        var run = await CodexCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, CatalogModel, cancellationToken: Token);

        AssertAnswered(run, upstream);
        var first = upstream.Requests[0].Json();
        Assert.Equal("enabled", first.GetProperty("thinking").GetProperty("type").GetString());
        var applyPatch = Assert.Single(first.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "apply_patch");
        Assert.Equal("string", applyPatch.GetProperty("input_schema").GetProperty("properties").GetProperty("input").GetProperty("type").GetString());

        // Codex sent the reasoning item back with its encrypted_content: the upstream gets its own signed thinking again.
        var second = upstream.Requests[1].Json();
        Assert.Equal("enabled", second.GetProperty("thinking").GetProperty("type").GetString());
        var assistant = second.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "assistant").GetProperty("content");
        Assert.Equal("thinking", assistant[0].GetProperty("type").GetString());
        Assert.Equal("I should run the command.", assistant[0].GetProperty("thinking").GetString());
        Assert.Equal(Signature, assistant[0].GetProperty("signature").GetString());
        Assert.Equal("tool_use", assistant[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Codex_runs_a_shell_tool_through_an_openai_channel_and_answers_with_its_output()
    {
        await using var harness = await StartAsync("openai", Model);
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request =>
        {
            var answered = request.Json().GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("role").GetString() == "tool");
            return FakeReply.Stream(answered
                ? OpenAIFakes.ChunkStream("claude-sonnet-4-5", FinalAnswer)
                : new SseScript()
                    .Data(OpenAIFakes.RoleChunk())
                    .Data(OpenAIFakes.ToolCallChunk(0, "call_exec_1", "exec_command", ExecArguments[..5]))
                    .Data(OpenAIFakes.ToolCallChunk(0, argumentsFragment: ExecArguments[5..]))
                    .Data(OpenAIFakes.FinishChunk("tool_calls"))
                    .Data(OpenAIFakes.UsageChunk(30, 9))
                    .Data("[DONE]"));
        }));

        var run = await CodexCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, Model, cancellationToken: Token);

        AssertAnswered(run, upstream);
        var tool = upstream.Requests[1].Json().GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        Assert.Equal("call_exec_1", tool.GetProperty("tool_call_id").GetString());
        Assert.Contains(ToolOutput, tool.GetProperty("content").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codex_runs_a_shell_tool_through_a_gemini_channel_and_answers_with_its_output()
    {
        await using var harness = await StartAsync("gemini", Model);
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request =>
        {
            var answered = request.Json().GetProperty("contents").EnumerateArray()
                .Any(c => c.GetProperty("parts").EnumerateArray().Any(p => p.TryGetProperty("functionResponse", out _)));
            return FakeReply.Stream(answered
                ? GeminiFakes.StreamChunks(FinalAnswer)
                : new SseScript()
                    .Data(GeminiFakes.FunctionCallChunk("exec_command", ExecArguments))
                    .Data(GeminiFakes.FinalChunk("")));
        }));

        var run = await CodexCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, Model, cancellationToken: Token);

        AssertAnswered(run, upstream);
        var response = upstream.Requests[1].Json().GetProperty("contents").EnumerateArray()
            .SelectMany(c => c.GetProperty("parts").EnumerateArray())
            .Single(p => p.TryGetProperty("functionResponse", out _)).GetProperty("functionResponse");
        Assert.Equal("exec_command", response.GetProperty("name").GetString());
        Assert.Contains(ToolOutput, response.GetProperty("response").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codex_runs_a_shell_tool_through_a_responses_channel_and_its_encrypted_reasoning_goes_back_upstream()
    {
        await using var harness = await StartAsync("responses", CatalogModel, reasoning: "openai");
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => FakeReply.Stream(
            request.Json().GetProperty("input").EnumerateArray().Any(i => i.GetProperty("type").GetString() == "function_call_output")
                ? ResponsesFakes.TextStream(FinalAnswer)
                : ResponsesFakes.Stream(
                    ResponsesFakes.Reasoning("I should run the command.", "enc-codex-reasoning-1", "rs_codex_1"),
                    ResponsesFakes.FunctionCall("call_exec_1", "exec_command", ExecArguments)))));

        var run = await CodexCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, CatalogModel, cancellationToken: Token);

        AssertAnswered(run, upstream);
        var first = upstream.Requests[0];
        Assert.Equal("/v1/responses", first.Path);
        Assert.Equal("Bearer sk-codex-channel-key-0123456789", first.Headers["authorization"]);
        Assert.DoesNotContain(gateway.AccessKey, string.Join("\n", first.Headers.Values), StringComparison.Ordinal);
        var body = first.Json();
        Assert.Equal("gpt-5.1-codex", body.GetProperty("model").GetString());
        Assert.False(body.GetProperty("store").GetBoolean());
        Assert.Equal("medium", body.GetProperty("reasoning").GetProperty("effort").GetString());

        // Codex's stateless request went through untranslated: its freeform and hosted tools are there as it sent them.
        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Contains(tools, t => t.TryGetProperty("name", out var name) && name.GetString() == "exec_command");
        Assert.Contains(tools, t => t.GetProperty("type").GetString() == "custom" && t.GetProperty("name").GetString() == "apply_patch");
        Assert.Contains(tools, t => t.GetProperty("type").GetString() == "web_search");

        // Codex kept the upstream's reasoning item and sent it back: the upstream gets its own encrypted item again.
        var input = upstream.Requests[1].Json().GetProperty("input").EnumerateArray().ToList();
        var reasoning = input.Single(i => i.GetProperty("type").GetString() == "reasoning");
        Assert.Equal("enc-codex-reasoning-1", reasoning.GetProperty("encrypted_content").GetString());
        var call = input.Single(i => i.GetProperty("type").GetString() == "function_call");
        Assert.Equal(("call_exec_1", "exec_command"), (call.GetProperty("call_id").GetString(), call.GetProperty("name").GetString()));
        Assert.True(input.IndexOf(reasoning) < input.IndexOf(call));
        var output = input.Single(i => i.GetProperty("type").GetString() == "function_call_output");
        Assert.Contains(ToolOutput, output.GetProperty("output").GetRawText(), StringComparison.Ordinal);
    }

    private static void AssertAnswered(CodexRun run, FakeUpstream upstream)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(FinalAnswer, run.LastMessage?.Trim());
        Assert.Equal(2, upstream.Requests.Count);
    }

    private static SseScript AnthropicToolCall(bool thinking)
    {
        var script = new SseScript().Event(AnthropicFakes.MessageStartEvent(inputTokens: 50));
        var index = 0;
        if (thinking)
        {
            script
                .Event(AnthropicFakes.ThinkingBlockStartEvent(0))
                .Event(AnthropicFakes.ThinkingDeltaEvent(0, "I should run the command."))
                .Event(AnthropicFakes.SignatureDeltaEvent(0, Signature))
                .Event(AnthropicFakes.BlockStopEvent(0));
            index = 1;
        }

        return script
            .Event(AnthropicFakes.ToolUseBlockStartEvent(index, "toolu_codex_exec_1", "exec_command"))
            .Event(AnthropicFakes.InputJsonDeltaEvent(index, ExecArguments[..5]))
            .Event(AnthropicFakes.InputJsonDeltaEvent(index, ExecArguments[5..]))
            .Event(AnthropicFakes.BlockStopEvent(index))
            .Event(AnthropicFakes.MessageDeltaEvent("tool_use", outputTokens: 20))
            .Event(AnthropicFakes.MessageStopEvent());
    }

    /// <summary>Whether the hub request's last user turn answers a tool call, and that result's text.</summary>
    private static bool HasToolResult(JsonElement hub, out string result)
    {
        var block = hub.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user")
            .SelectMany(m => m.GetProperty("content").ValueKind == JsonValueKind.Array ? m.GetProperty("content").EnumerateArray() : [])
            .LastOrDefault(b => b.GetProperty("type").GetString() == "tool_result");
        result = block.ValueKind == JsonValueKind.Undefined ? "" : block.GetRawText();
        return block.ValueKind != JsonValueKind.Undefined;
    }
}
