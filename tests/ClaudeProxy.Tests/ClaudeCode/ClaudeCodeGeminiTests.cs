using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static ClaudeProxy.Tests.TestKit.ClaudeCodeScenario;

namespace ClaudeProxy.Tests.ClaudeCode;

/// <summary>
/// The real Claude Code CLI in print mode, offline, through a <c>gemini</c> channel to a scripted
/// Gemini 3 upstream that thinks, asks for one Bash command with a thought signature on the call,
/// and then answers with what the command printed.
/// </summary>
public sealed class ClaudeCodeGeminiTests
{
    private const string GeminiModel = "gemini-3-pro-preview";
    private const string ChannelKey = "AIza-claude-code-gemini-channel";
    private const string Signature = "CiQBsignature-of-the-bash-call";

    private static readonly string?[] GeminiRoles = ["user", "model"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claude_code_runs_a_tool_and_answers_through_a_gemini_channel()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(FakeReply.Dynamic(GeminiTurn));
        var channel = TestConfigs.Channel("gemini", "gemini", new Uri(upstream.BaseUrl, "v1beta"), ChannelKey);
        channel["modelMapping"] = new JsonObject { ["claude"] = GeminiModel };
        channel["reasoning"] = "gemini-level";
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));

        var gatewayRequests = await RunAndCheckAsync(gateway, upstream);

        var requests = upstream.Requests;
        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.StartsWith($"/v1beta/models/{GeminiModel}:", request.Path, StringComparison.Ordinal);
            Assert.Equal(request.Path.EndsWith(":streamGenerateContent", StringComparison.Ordinal) ? "?alt=sse" : "", request.QueryString);
            Assert.Equal(ChannelKey, request.Headers.GetValueOrDefault("x-goog-api-key"));
            Assert.False(request.Headers.ContainsKey("authorization"), request.ToString());
            Assert.False(request.Headers.ContainsKey("x-api-key"), request.ToString());
            Assert.DoesNotContain(gateway.AccessKey, string.Join("\n", request.Headers.Values), StringComparison.Ordinal);
            var body = request.Json();
            Assert.All(body.GetProperty("contents").EnumerateArray(), c => Assert.Contains(Str(c, "role"), GeminiRoles));
            Assert.DoesNotContain("\"$schema\"", request.BodyText, StringComparison.Ordinal);
            Assert.DoesNotContain("\"additionalProperties\"", request.BodyText, StringComparison.Ordinal);
        }

        // The main conversation: Claude Code's tools with their schemas cleaned, its system text as the
        // instruction, and its adaptive thinking asked for with thought text.
        var main = requests.Select(r => r.Json()).First(b => OffersFunction(b, "Bash") && MentionsPromptInContents(b));
        Assert.Contains("Claude", main.GetProperty("systemInstruction").GetRawText(), StringComparison.Ordinal);
        Assert.True(main.GetProperty("generationConfig").GetProperty("thinkingConfig").GetProperty("includeThoughts").GetBoolean());
        var bashParameters = Declaration(main, "Bash")!.Value.GetProperty("parameters");
        Assert.Equal("object", Str(bashParameters, "type"));
        Assert.Equal("string", Str(bashParameters.GetProperty("properties").GetProperty("command"), "type"));
        Assert.Contains(bashParameters.GetProperty("required").EnumerateArray(), r => r.GetString() == "command");

        // The second turn: the call as Gemini made it, with its thought signature back on it, then
        // the response named after the call holding what Claude Code's Bash tool printed.
        var secondTurn = Assert.Single(requests, r => BashResult(r.Json()) is not null).Json();
        Assert.Equal(ToolOutput, FirstLine(BashResult(secondTurn)!));
        var call = secondTurn.GetProperty("contents").EnumerateArray()
            .Where(c => Str(c, "role") == "model")
            .SelectMany(c => c.GetProperty("parts").EnumerateArray())
            .Single(p => p.TryGetProperty("functionCall", out _));
        Assert.Equal("Bash", call.GetProperty("functionCall").GetProperty("name").GetString());
        Assert.Equal(Command, call.GetProperty("functionCall").GetProperty("args").GetProperty("command").GetString());
        Assert.Equal(Signature, Str(call, "thoughtSignature"));

        AssertGatewayAnsweredEverything(gatewayRequests, requests.Count);
    }

    // ---- The scripted Gemini upstream ----

    private static FakeReply GeminiTurn(RecordedRequest request)
    {
        var body = request.Json();
        var stream = request.QueryString.Contains("alt=sse", StringComparison.Ordinal);
        if (BashResult(body) is { } output)
        {
            return Answer(stream, FinalPrefix + FirstLine(output));
        }

        if (OffersFunction(body, "Bash") && MentionsPromptInContents(body))
        {
            var thought = Chunk(new JsonObject { ["text"] = "The user wants me to run a command.", ["thought"] = true }, finishReason: null);
            var bash = Chunk(
                new JsonObject
                {
                    ["functionCall"] = new JsonObject
                    {
                        ["name"] = "Bash",
                        ["args"] = new JsonObject { ["command"] = Command, ["description"] = "Print a greeting" },
                    },
                    ["thoughtSignature"] = Signature,
                },
                finishReason: "STOP");
            return stream
                ? FakeReply.Stream(new SseScript().Raw($"data: {thought}\r\n\r\n").Raw($"data: {bash}\r\n\r\n"))
                : FakeReply.Json(bash);
        }

        // Anything else (a background call such as a title or a summary) gets a short answer.
        return Answer(stream, "OK");
    }

    private static FakeReply Answer(bool stream, string text) =>
        stream ? FakeReply.Stream(GeminiFakes.StreamChunks(text)) : GeminiFakes.Response(text);

    private static string Chunk(JsonObject part, string? finishReason)
    {
        var candidate = new JsonObject { ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(part) }, ["index"] = 0 };
        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = GeminiFakes.DefaultPromptTokens, ["candidatesTokenCount"] = GeminiFakes.DefaultCandidatesTokens },
            ["modelVersion"] = GeminiModel,
        }.ToJsonString();
    }

    /// <summary>What the <c>functionResponse</c> for the Bash call holds, or null when the request has none.</summary>
    private static string? BashResult(JsonElement body) =>
        Parts(body, "user")
            .Where(p => p.TryGetProperty("functionResponse", out var r) && Str(r, "name") == "Bash")
            .Select(p => p.GetProperty("functionResponse").GetProperty("response"))
            .Select(r => Str(r, "result") ?? Str(r, "error") ?? "")
            .FirstOrDefault();

    private static bool OffersFunction(JsonElement body, string name) => Declaration(body, name) is not null;

    private static JsonElement? Declaration(JsonElement body, string name) =>
        body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            ? tools.EnumerateArray()
                .Where(t => t.TryGetProperty("functionDeclarations", out _))
                .SelectMany(t => t.GetProperty("functionDeclarations").EnumerateArray())
                .Where(d => Str(d, "name") == name)
                .Select(d => (JsonElement?)d)
                .FirstOrDefault()
            : null;

    /// <summary>Whether a user turn carries the test's prompt: true for the main conversation.</summary>
    private static bool MentionsPromptInContents(JsonElement body) =>
        Parts(body, "user").Any(p => (Str(p, "text") ?? "").Contains(Prompt, StringComparison.Ordinal));

    private static IEnumerable<JsonElement> Parts(JsonElement body, string role) =>
        body.TryGetProperty("contents", out var contents) && contents.ValueKind == JsonValueKind.Array
            ? contents.EnumerateArray().Where(c => Str(c, "role") == role).SelectMany(c => c.GetProperty("parts").EnumerateArray())
            : [];
}
