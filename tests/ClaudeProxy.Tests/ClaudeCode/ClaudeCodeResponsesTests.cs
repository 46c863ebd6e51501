using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static ClaudeProxy.Tests.TestKit.ClaudeCodeScenario;

namespace ClaudeProxy.Tests.ClaudeCode;

/// <summary>
/// The real Claude Code CLI in print mode, offline, through a <c>responses</c> channel to a scripted
/// OpenAI Responses upstream that reasons (handing out an encrypted reasoning item), asks for one Bash
/// command, and then answers with what the command printed.
/// </summary>
public sealed class ClaudeCodeResponsesTests
{
    private const string UpstreamModel = "gpt-5.1-codex";
    private const string ChannelKey = "sk-proj-claude-code-responses-channel";
    private const string CallId = "call_bash_1";
    private const string EncryptedReasoning = "gAAAAB-encrypted-reasoning-of-the-bash-call";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claude_code_runs_a_tool_and_answers_through_a_responses_channel()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(FakeReply.Dynamic(ResponsesTurn));
        var channel = TestConfigs.Channel("responses", "responses", upstream.BaseUrl, ChannelKey);
        channel["modelMapping"] = new JsonObject { ["claude"] = UpstreamModel };
        channel["reasoning"] = "openai";
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));

        var gatewayRequests = await RunAndCheckAsync(gateway, upstream);

        var requests = upstream.Requests;
        foreach (var request in requests)
        {
            Assert.Equal(("POST", "/v1/responses"), (request.Method, request.Path));
            Assert.Equal("Bearer " + ChannelKey, request.Headers.GetValueOrDefault("authorization"));
            Assert.False(request.Headers.ContainsKey("x-api-key"), request.ToString());
            Assert.DoesNotContain(gateway.AccessKey, string.Join("\n", request.Headers.Values), StringComparison.Ordinal);
            var body = request.Json();
            Assert.Equal(UpstreamModel, Str(body, "model"));
            Assert.False(body.GetProperty("store").GetBoolean());
            Assert.False(body.TryGetProperty("messages", out _));
            Assert.DoesNotContain("cache_control", request.BodyText, StringComparison.Ordinal);
        }

        // The main conversation: Claude Code's system text as the instructions, Bash as a function tool.
        var main = requests.Select(r => r.Json()).First(b => OffersTool(b, "Bash") && MentionsPromptInInput(b));
        Assert.Contains("Claude", Str(main, "instructions"), StringComparison.Ordinal);
        var bash = main.GetProperty("tools").EnumerateArray().Single(t => Str(t, "name") == "Bash");
        Assert.Equal("function", Str(bash, "type"));
        Assert.Equal("string", Str(bash.GetProperty("parameters").GetProperty("properties").GetProperty("command"), "type"));

        // The second turn: the encrypted reasoning item back in its place, the call, then its output.
        var secondTurn = Assert.Single(requests, r => BashResult(r.Json()) is not null).Json();
        Assert.Equal(ToolOutput, FirstLine(BashResult(secondTurn)!));
        var input = secondTurn.GetProperty("input").EnumerateArray().ToList();
        var reasoning = input.Single(i => Str(i, "type") == "reasoning");
        Assert.Equal(EncryptedReasoning, Str(reasoning, "encrypted_content"));
        var call = input.Single(i => Str(i, "type") == "function_call");
        Assert.Equal((CallId, "Bash"), (Str(call, "call_id"), Str(call, "name")));
        using (var arguments = JsonDocument.Parse(Str(call, "arguments")!))
        {
            Assert.Equal(Command, Str(arguments.RootElement, "command"));
        }

        Assert.True(input.IndexOf(reasoning) < input.IndexOf(call));
        AssertGatewayAnsweredEverything(gatewayRequests, requests.Count);
    }

    // ---- The scripted Responses upstream ----

    private static FakeReply ResponsesTurn(RecordedRequest request)
    {
        var body = request.Json();
        var stream = IsStreaming(body);
        if (BashResult(body) is { } output)
        {
            return Answer(stream, FinalPrefix + FirstLine(output));
        }

        if (OffersTool(body, "Bash") && MentionsPromptInInput(body))
        {
            var items = new[]
            {
                ResponsesFakes.Reasoning("The user wants me to run a command.", EncryptedReasoning, "rs_bash_1"),
                ResponsesFakes.FunctionCall(CallId, "Bash", new JsonObject { ["command"] = Command, ["description"] = "Print a greeting" }.ToJsonString()),
            };
            return stream ? FakeReply.Stream(ResponsesFakes.Stream(items)) : ResponsesFakes.Response(items);
        }

        // Anything else (a background call such as a title or a summary) gets a short answer.
        return Answer(stream, "OK");
    }

    private static FakeReply Answer(bool stream, string text) =>
        stream ? FakeReply.Stream(ResponsesFakes.TextStream(text)) : ResponsesFakes.Text(text);

    /// <summary>What the <c>function_call_output</c> for the Bash call holds, or null when the request has none.</summary>
    private static string? BashResult(JsonElement body) =>
        Input(body)
            .Where(i => Str(i, "type") == "function_call_output" && Str(i, "call_id") == CallId)
            .Select(i => i.GetProperty("output") is var output && output.ValueKind == JsonValueKind.String ? output.GetString()! : Text(output))
            .FirstOrDefault();

    /// <summary>Whether a user message carries the test's prompt: true for the main conversation.</summary>
    private static bool MentionsPromptInInput(JsonElement body) =>
        Input(body).Any(i => Str(i, "type") == "message" && Str(i, "role") == "user"
            && i.TryGetProperty("content", out var content) && Text(content).Contains(Prompt, StringComparison.Ordinal));

    private static JsonElement[] Input(JsonElement body) =>
        body.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Array ? [.. input.EnumerateArray()] : [];
}
