using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.GeminiCli;

/// <summary>
/// The real Gemini CLI through the gateway's Gemini door (<c>/v1beta/models/...</c>), offline, served
/// by each channel type's fake: the model asks the CLI to run a shell command, the CLI runs it and
/// sends its output back, and the model answers with what it printed.
/// </summary>
/// <remarks>
/// The fake answers by what the hub request holds, not by its place in the sequence: a request that
/// declares no tools is one of the CLI's side calls (the model router's classifier, the next-speaker
/// check) and gets JSON text; a request whose last turn answers a tool call gets the final text; any
/// other gets the shell tool call.
/// </remarks>
public sealed class GeminiCliGatewayTests
{
    private const string ToolOutput = "gemini-tool-ok";
    private const string Command = "echo " + ToolOutput;
    private const string Prompt = "Run " + Command + " in the shell and tell me what it printed.";
    private const string FinalAnswer = "done: " + ToolOutput;
    private const string ShellTool = "run_shell_command";
    private const string CallId = "call_gemini_shell_1";

    // A name the CLI has no metadata for, as a gateway's models are; mapped to each channel's own model.
    private const string Model = "claude-sonnet-5";

    // The CLI's default: a classifier call on a flash-lite model picks the model of the turn.
    private const string AutoModel = "auto";

    // What the side calls that ask for JSON get: it satisfies both the router's and the next-speaker schema.
    private static readonly string SideCallJson = new JsonObject
    {
        ["complexity_reasoning"] = "One explicit shell command.",
        ["complexity_score"] = 10,
        ["reasoning"] = "The task is done.",
        ["next_speaker"] = "user",
    }.ToJsonString();

    private static readonly string ShellArguments = new JsonObject { ["command"] = Command }.ToJsonString();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string UpstreamModel(string serviceType) => serviceType switch
    {
        "claude" => "claude-sonnet-4-5",
        "openai" => "gpt-4.1",
        "responses" => "gpt-5.1",
        _ => "gemini-2.5-pro",
    };

    private static Task<ChannelHarness> StartAsync(string serviceType, JsonObject modelMapping) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("gemini-cli", serviceType, baseUrl, "sk-gemini-cli-channel-key-0123456789");
            channel["modelMapping"] = modelMapping;
            return channel;
        }, Token);

    private static Task<ChannelHarness> StartAsync(string serviceType) =>
        StartAsync(serviceType, new JsonObject { [Model] = UpstreamModel(serviceType) });

    [Fact]
    public async Task Gemini_CLI_runs_a_shell_tool_through_a_claude_channel_and_answers_with_its_output()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => Answer("claude", request)));

        var run = await TestKit.GeminiCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, Model, cancellationToken: Token);

        var (first, last) = AssertAnswered(run, upstream, "claude");
        Assert.True(first.GetProperty("stream").GetBoolean());
        var shell = Assert.Single(first.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == ShellTool);
        Assert.Equal("string", shell.GetProperty("input_schema").GetProperty("properties").GetProperty("command").GetProperty("type").GetString());

        var call = last.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "assistant")
            .GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal(CallId, call.GetProperty("id").GetString());
        Assert.Equal(Command, call.GetProperty("input").GetProperty("command").GetString());
        var result = last.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user")
            .GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_result");
        Assert.Equal(CallId, result.GetProperty("tool_use_id").GetString());
    }

    [Fact]
    public async Task Gemini_CLI_runs_a_shell_tool_through_an_openai_channel_and_answers_with_its_output()
    {
        await using var harness = await StartAsync("openai");
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => Answer("openai", request)));

        var run = await TestKit.GeminiCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, Model, cancellationToken: Token);

        var (first, last) = AssertAnswered(run, upstream, "openai");
        Assert.True(first.GetProperty("stream").GetBoolean());
        Assert.Contains(first.GetProperty("tools").EnumerateArray(), t => t.GetProperty("function").GetProperty("name").GetString() == ShellTool);

        var call = last.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "assistant")
            .GetProperty("tool_calls").EnumerateArray().Single();
        Assert.Equal(CallId, call.GetProperty("id").GetString());
        Assert.Equal(ShellTool, call.GetProperty("function").GetProperty("name").GetString());
        var tool = last.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        Assert.Equal(CallId, tool.GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task Gemini_CLI_runs_a_shell_tool_through_a_gemini_channel_and_answers_with_its_output()
    {
        await using var harness = await StartAsync("gemini");
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => Answer("gemini", request)));

        var run = await TestKit.GeminiCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, Model, cancellationToken: Token);

        var (first, last) = AssertAnswered(run, upstream, "gemini");
        Assert.Contains(
            first.GetProperty("tools").EnumerateArray().SelectMany(t => t.TryGetProperty("functionDeclarations", out var d) ? d.EnumerateArray() : []),
            d => d.GetProperty("name").GetString() == ShellTool);

        var parts = last.GetProperty("contents").EnumerateArray().SelectMany(c => c.GetProperty("parts").EnumerateArray()).ToList();
        var call = parts.Single(p => p.TryGetProperty("functionCall", out _)).GetProperty("functionCall");
        Assert.Equal(ShellTool, call.GetProperty("name").GetString());
        Assert.Equal(Command, call.GetProperty("args").GetProperty("command").GetString());
        var response = parts.Single(p => p.TryGetProperty("functionResponse", out _)).GetProperty("functionResponse");
        Assert.Equal(ShellTool, response.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Gemini_CLI_runs_a_shell_tool_through_a_responses_channel_and_answers_with_its_output()
    {
        await using var harness = await StartAsync("responses");
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => Answer("responses", request)));

        var run = await TestKit.GeminiCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, Model, cancellationToken: Token);

        var (first, last) = AssertAnswered(run, upstream, "responses");
        Assert.True(first.GetProperty("stream").GetBoolean());
        Assert.False(first.GetProperty("store").GetBoolean());
        Assert.Contains(first.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == ShellTool);

        var input = last.GetProperty("input").EnumerateArray().ToList();
        var call = input.Single(i => i.GetProperty("type").GetString() == "function_call");
        Assert.Equal((CallId, ShellTool), (call.GetProperty("call_id").GetString(), call.GetProperty("name").GetString()));
        var output = input.Single(i => i.GetProperty("type").GetString() == "function_call_output");
        Assert.Equal(CallId, output.GetProperty("call_id").GetString());
    }

    [Fact]
    public async Task Gemini_CLI_left_on_its_auto_model_routes_with_a_json_classifier_call_and_runs_the_tool_on_the_model_it_picked()
    {
        // The CLI names its own models here (a flash-lite classifier, then a pro or flash model for the turn).
        await using var harness = await StartAsync("claude", new JsonObject
        {
            ["gemini"] = "claude-sonnet-4-5",
            ["flash-lite"] = "claude-haiku-4-5",
        });
        var (upstream, gateway) = harness;
        upstream.SetDefault(FakeReply.Dynamic(request => Answer("claude", request)));

        var run = await TestKit.GeminiCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, AutoModel, cancellationToken: Token);

        AssertAnswered(run, upstream, "claude", mainModel: "claude-sonnet-4-5");
        var classifier = upstream.Requests.Select(r => r.Json()).First(r => !DeclaresTools(r));
        Assert.Equal("claude-haiku-4-5", classifier.GetProperty("model").GetString());
        Assert.False(classifier.TryGetProperty("stream", out var stream) && stream.GetBoolean());
        Assert.Contains("complexity_score", classifier.GetProperty("system").GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The run ended with the final answer; the tool loop's first request offered the shell tool and
    /// carried no result, and its last carried the command's output. Returns those two hub requests.
    /// </summary>
    private static (JsonElement First, JsonElement Last) AssertAnswered(GeminiRun run, FakeUpstream upstream, string serviceType, string? mainModel = null)
    {
        var sequence = string.Join('\n', upstream.Requests.Select(r => Describe(serviceType, r)));
        TestContext.Current.TestOutputHelper?.WriteLine($"upstream requests:\n{sequence}");
        Assert.True(run.ExitCode == 0, $"{run}\nupstream requests:\n{sequence}");
        Assert.Equal(FinalAnswer, run.Response?.Trim());

        var loop = upstream.Requests.Where(r => DeclaresTools(r.Json())).ToList();
        Assert.True(loop.Count >= 2, $"The tool loop took {loop.Count} request(s).");
        mainModel ??= UpstreamModel(serviceType);
        Assert.All(loop, r => Assert.Equal(mainModel, RequestedModel(serviceType, r)));

        var first = loop[0].Json();
        var last = loop[^1].Json();
        Assert.Null(ToolResult(serviceType, first));
        Assert.Contains(ToolOutput, ToolResult(serviceType, last), StringComparison.Ordinal);
        return (first, last);
    }

    /// <summary>One upstream request in a line: its target, model, whether it streams, offers tools, carries a tool result.</summary>
    private static string Describe(string serviceType, RecordedRequest request)
    {
        var hub = request.Json();
        var streaming = hub.TryGetProperty("stream", out var stream) ? stream.GetBoolean().ToString() : "-";
        return $"{request.Method} {request.RawTarget} model={RequestedModel(serviceType, request)} stream={streaming} "
            + $"tools={DeclaresTools(hub)} toolResult={ToolResult(serviceType, hub) is not null}";
    }

    /// <summary>What the fake upstream of <paramref name="serviceType"/> answers to one hub request.</summary>
    private static FakeReply Answer(string serviceType, RecordedRequest request)
    {
        var hub = request.Json();
        var streaming = serviceType == "gemini"
            ? request.Path.Contains(":streamGenerateContent", StringComparison.Ordinal)
            : hub.TryGetProperty("stream", out var stream) && stream.GetBoolean();
        if (!DeclaresTools(hub))
        {
            return Text(serviceType, streaming, SideCallJson);
        }

        if (ToolResult(serviceType, hub) is not null)
        {
            return Text(serviceType, streaming, FinalAnswer);
        }

        return FakeReply.Stream(serviceType switch
        {
            "claude" => new SseScript()
                .Event(AnthropicFakes.MessageStartEvent(inputTokens: 50))
                .Event(AnthropicFakes.ToolUseBlockStartEvent(0, CallId, ShellTool))
                .Event(AnthropicFakes.InputJsonDeltaEvent(0, ShellArguments[..5]))
                .Event(AnthropicFakes.InputJsonDeltaEvent(0, ShellArguments[5..]))
                .Event(AnthropicFakes.BlockStopEvent(0))
                .Event(AnthropicFakes.MessageDeltaEvent("tool_use", outputTokens: 20))
                .Event(AnthropicFakes.MessageStopEvent()),
            "responses" => ResponsesFakes.Stream(ResponsesFakes.FunctionCall(CallId, ShellTool, ShellArguments)),
            "openai" => new SseScript()
                .Data(OpenAIFakes.RoleChunk())
                .Data(OpenAIFakes.ToolCallChunk(0, CallId, ShellTool, ShellArguments[..5]))
                .Data(OpenAIFakes.ToolCallChunk(0, argumentsFragment: ShellArguments[5..]))
                .Data(OpenAIFakes.FinishChunk("tool_calls"))
                .Data(OpenAIFakes.UsageChunk(30, 9))
                .Data("[DONE]"),
            _ => new SseScript()
                .Data(GeminiFakes.FunctionCallChunk(ShellTool, ShellArguments))
                .Data(GeminiFakes.FinalChunk("")),
        });
    }

    private static FakeReply Text(string serviceType, bool streaming, string text) => (serviceType, streaming) switch
    {
        ("claude", true) => FakeReply.Stream(AnthropicFakes.TextStream(UpstreamModel(serviceType), text)),
        ("claude", false) => AnthropicFakes.Message(text),
        ("openai", true) => FakeReply.Stream(OpenAIFakes.ChunkStream(UpstreamModel(serviceType), text)),
        ("openai", false) => OpenAIFakes.ChatCompletion(text),
        ("responses", true) => FakeReply.Stream(ResponsesFakes.TextStream(text)),
        ("responses", false) => ResponsesFakes.Text(text),
        (_, true) => FakeReply.Stream(GeminiFakes.StreamChunks(text)),
        _ => GeminiFakes.Response(text),
    };

    /// <summary>Whether the hub request offers tools: the CLI's chat turns do, its side calls do not.</summary>
    private static bool DeclaresTools(JsonElement hub) =>
        hub.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0;

    /// <summary>The model the upstream was asked for: in the body, or in a Gemini request's path.</summary>
    private static string? RequestedModel(string serviceType, RecordedRequest request) => serviceType == "gemini"
        ? request.Path.Split('/')[^1].Split(':')[0]
        : request.Json().GetProperty("model").GetString();

    /// <summary>The raw JSON of the tool result the hub request's last turn carries, or null when it carries none.</summary>
    private static string? ToolResult(string serviceType, JsonElement hub)
    {
        switch (serviceType)
        {
            case "claude":
                var last = hub.GetProperty("messages").EnumerateArray().Last();
                var content = last.GetProperty("content");
                return last.GetProperty("role").GetString() == "user" && content.ValueKind == JsonValueKind.Array
                    ? content.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "tool_result").Select(b => b.GetRawText()).LastOrDefault()
                    : null;
            case "responses":
                var item = hub.GetProperty("input").EnumerateArray().Last();
                return item.GetProperty("type").GetString() == "function_call_output" ? item.GetRawText() : null;
            case "openai":
                var message = hub.GetProperty("messages").EnumerateArray().Last();
                return message.GetProperty("role").GetString() == "tool" ? message.GetRawText() : null;
            default:
                var turn = hub.GetProperty("contents").EnumerateArray().Last();
                return turn.GetProperty("parts").EnumerateArray()
                    .Where(p => p.TryGetProperty("functionResponse", out _))
                    .Select(p => p.GetRawText())
                    .LastOrDefault();
        }
    }
}
