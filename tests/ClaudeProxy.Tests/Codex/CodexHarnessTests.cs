using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Codex;

/// <summary>
/// The real Codex CLI, offline, against a recording fake of the OpenAI Responses API that asks it
/// to run one shell command and then answers with what the command printed. It pins down what
/// Codex sends and what stream it accepts; the first request is kept as a fixture for the
/// Responses door's translator tests (<c>UPDATE_GOLDENS=1</c> rewrites it from a fresh run).
/// </summary>
public sealed partial class CodexHarnessTests
{
    private const string AccessKey = "cp-codex-harness-access-key";
    private const string ToolOutput = "codex-tool-ok";
    private const string Command = "echo " + ToolOutput;
    private const string Prompt = "Run " + Command + " in the shell and tell me what it printed.";
    private const string FinalAnswer = "done: " + ToolOutput;
    private const string CallId = "call_codex_exec_01";

    // A name Codex has no metadata for, as when it talks to a gateway: it falls back to default metadata.
    private const string GatewayModel = "claude-sonnet-5";

    // A model in Codex's own catalog: its metadata changes the tools and options Codex sends.
    private const string CatalogModel = "gpt-5.5";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_pinned_codex_cli_runs_a_shell_tool_against_a_recording_responses_server_and_sends_its_output_back()
    {
        var (first, _) = await RunToolRoundTripAsync(GatewayModel);
        var body = first.Json();

        Assert.Equal(GatewayModel, body.GetProperty("model").GetString());
        Assert.Equal(["function", "namespace", "web_search"], ToolTypes(body).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("exec_command", FunctionNames(body));
        var agents = Assert.Single(Tools(body), t => Str(t, "type") == "namespace");
        Assert.Equal("multi_agent_v1", Str(agents, "name"));
        Assert.All(agents.GetProperty("tools").EnumerateArray(), t => Assert.Equal("function", Str(t, "type")));
        var webSearch = Assert.Single(Tools(body), t => Str(t, "type") == "web_search");
        Assert.True(webSearch.GetProperty("external_web_access").GetBoolean(), webSearch.ToString());

        // With no model metadata there is no reasoning effort and no verbosity, only summaries.
        Assert.Equal("""{"summary":"auto"}""", body.GetProperty("reasoning").GetRawText());
        Assert.False(body.TryGetProperty("text", out _), "text");

        await KeepAsFixtureAsync(first, "codex-0.169-first-request");
    }

    [Fact]
    public async Task A_model_from_codexs_own_catalog_gets_a_freeform_apply_patch_tool_and_tool_search_instead_of_the_agent_namespace()
    {
        var (first, _) = await RunToolRoundTripAsync(CatalogModel);
        var body = first.Json();

        Assert.Equal(["custom", "function", "tool_search", "web_search"], ToolTypes(body).Distinct().Order(StringComparer.Ordinal));
        var applyPatch = Assert.Single(Tools(body), t => Str(t, "type") == "custom");
        Assert.Equal("apply_patch", Str(applyPatch, "name"));
        Assert.Equal("grammar", Str(applyPatch.GetProperty("format"), "type"));
        Assert.Equal("client", Str(Assert.Single(Tools(body), t => Str(t, "type") == "tool_search"), "execution"));
        Assert.Equal("medium", Str(body.GetProperty("reasoning"), "effort"));
        Assert.Equal("low", Str(body.GetProperty("text"), "verbosity"));

        await KeepAsFixtureAsync(first, "codex-0.169-first-request-gpt-5.5");
    }

    /// <summary>
    /// Runs Codex with <paramref name="model"/> against the scripted server, checks the run and both
    /// requests, and returns them: the first carries the prompt, the second the tool's output.
    /// </summary>
    private static async Task<(RecordedRequest First, RecordedRequest Second)> RunToolRoundTripAsync(string model)
    {
        await using var server = await FakeUpstream.StartAsync(Token);
        server.SetDefault(FakeReply.Dynamic(ResponsesTurn));

        var run = await CodexCli.RunAsync(server.BaseUrl, AccessKey, Prompt, model, cancellationToken: Token);
        var requests = server.Requests;
        Describe(run, requests);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(FinalAnswer, run.LastMessage?.Trim());

        // One request per turn and nothing else: no model list, no retries, no background calls.
        Assert.Equal(2, requests.Count);
        foreach (var request in requests)
        {
            Assert.Equal("POST /v1/responses", request.ToString());
            Assert.Equal("Bearer " + AccessKey, request.Headers.GetValueOrDefault("authorization"));
            Assert.Equal("text/event-stream", request.Headers.GetValueOrDefault("accept"));
            Assert.Equal("application/json", request.Headers.GetValueOrDefault("content-type"));
            Assert.Equal("codex_exec", request.Headers.GetValueOrDefault("originator"));
            Assert.StartsWith($"codex_exec/{CodexCli.PinnedVersion} ", request.Headers.GetValueOrDefault("user-agent"), StringComparison.Ordinal);

            var body = request.Json();
            Assert.Equal(model, body.GetProperty("model").GetString());
            Assert.True(body.GetProperty("stream").GetBoolean());
            Assert.False(body.GetProperty("store").GetBoolean());
            Assert.Equal(["reasoning.encrypted_content"], body.GetProperty("include").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal("auto", Str(body, "tool_choice"));
            Assert.True(body.GetProperty("parallel_tool_calls").GetBoolean());

            // The whole prompt travels in input: there is no instructions field, the base
            // instructions come first as a developer message.
            Assert.False(body.TryGetProperty("instructions", out _), "instructions");
            var firstItem = Input(body)[0];
            Assert.Equal(("message", "developer"), (Str(firstItem, "type"), Str(firstItem, "role")));

            // The cache key is the session: the same on every turn, and sent as a header too.
            var cacheKey = Str(body, "prompt_cache_key");
            Assert.False(string.IsNullOrEmpty(cacheKey), body.ToString());
            Assert.Equal(cacheKey, request.Headers.GetValueOrDefault("session-id"));
            Assert.Equal(Str(requests[0].Json(), "prompt_cache_key"), cacheKey);

            var exec = Assert.Single(Tools(body), t => Str(t, "type") == "function" && Str(t, "name") == "exec_command");
            var parameters = exec.GetProperty("parameters");
            Assert.Equal(["cmd"], parameters.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
            Assert.True(parameters.GetProperty("properties").TryGetProperty("workdir", out _), exec.ToString());
        }

        var (first, second) = (requests[0], requests[1]);
        var firstInput = Input(first.Json());
        Assert.DoesNotContain(firstInput, i => Str(i, "type") is "function_call" or "function_call_output");
        var prompt = firstInput[^1];
        Assert.Equal(("message", "user"), (Str(prompt, "type"), Str(prompt, "role")));
        Assert.Equal(Prompt, Str(Assert.Single(prompt.GetProperty("content").EnumerateArray()), "text"));

        // The second turn repeats the first turn's input, then the call as the server sent it and
        // the shell's output for it.
        var secondInput = Input(second.Json());
        Assert.Equal(firstInput.Select(i => i.GetRawText()), secondInput.Take(firstInput.Length).Select(i => i.GetRawText()));
        Assert.Equal(firstInput.Length + 2, secondInput.Length);
        var call = secondInput[^2];
        Assert.Equal("function_call", Str(call, "type"));
        Assert.Equal(CallId, Str(call, "call_id"));
        Assert.Equal("exec_command", Str(call, "name"));
        Assert.Equal(ExecArguments, Str(call, "arguments"));
        var output = secondInput[^1];
        Assert.Equal("function_call_output", Str(output, "type"));
        Assert.Equal(CallId, Str(output, "call_id"));
        Assert.Contains("\n" + ToolOutput + "\n", Str(output, "output"), StringComparison.Ordinal);
        Assert.Contains("Process exited with code 0", Str(output, "output"), StringComparison.Ordinal);
        return (first, second);
    }

    // ---- The scripted Responses server ----

    private static readonly string ExecArguments = new JsonObject { ["cmd"] = Command }.ToJsonString();

    private static FakeReply ResponsesTurn(RecordedRequest request)
    {
        var body = request.Json();
        var model = Str(body, "model") ?? "";
        var answered = Input(body).Any(i => Str(i, "type") == "function_call_output" && Str(i, "call_id") == CallId);
        return FakeReply.Stream(answered ? TextStream(model, "resp_codex_02", FinalAnswer) : ExecCallStream(model, "resp_codex_01"));
    }

    /// <summary>A streamed answer whose one output item is a call to <c>exec_command</c>, its arguments sent in two pieces.</summary>
    private static SseScript ExecCallStream(string model, string responseId)
    {
        const string itemId = "fc_codex_01";
        JsonObject Item(string arguments, string status) => new()
        {
            ["id"] = itemId,
            ["type"] = "function_call",
            ["status"] = status,
            ["call_id"] = CallId,
            ["name"] = "exec_command",
            ["arguments"] = arguments,
        };

        var cut = ExecArguments.Length / 2;
        return new ResponsesEvents()
            .Created(model, responseId)
            .Add("response.output_item.added", new() { ["output_index"] = 0, ["item"] = Item("", "in_progress") })
            .Add("response.function_call_arguments.delta", new() { ["item_id"] = itemId, ["output_index"] = 0, ["delta"] = ExecArguments[..cut] })
            .Add("response.function_call_arguments.delta", new() { ["item_id"] = itemId, ["output_index"] = 0, ["delta"] = ExecArguments[cut..] })
            .Add("response.function_call_arguments.done", new() { ["item_id"] = itemId, ["output_index"] = 0, ["arguments"] = ExecArguments })
            .Add("response.output_item.done", new() { ["output_index"] = 0, ["item"] = Item(ExecArguments, "completed") })
            .Completed(model, responseId, Item(ExecArguments, "completed"))
            .Script;
    }

    /// <summary>A streamed answer whose one output item is an assistant message with one text part.</summary>
    private static SseScript TextStream(string model, string responseId, string text)
    {
        const string itemId = "msg_codex_02";
        JsonObject Part(string partText) => new() { ["type"] = "output_text", ["text"] = partText, ["annotations"] = new JsonArray() };
        JsonObject Item(JsonArray content, string status) => new()
        {
            ["id"] = itemId,
            ["type"] = "message",
            ["status"] = status,
            ["role"] = "assistant",
            ["content"] = content,
        };
        JsonObject At(JsonObject fields)
        {
            fields["item_id"] = itemId;
            fields["output_index"] = 0;
            fields["content_index"] = 0;
            return fields;
        }

        return new ResponsesEvents()
            .Created(model, responseId)
            .Add("response.output_item.added", new() { ["output_index"] = 0, ["item"] = Item([], "in_progress") })
            .Add("response.content_part.added", At(new() { ["part"] = Part("") }))
            .Add("response.output_text.delta", At(new() { ["delta"] = text }))
            .Add("response.output_text.done", At(new() { ["text"] = text }))
            .Add("response.content_part.done", At(new() { ["part"] = Part(text) }))
            .Add("response.output_item.done", new() { ["output_index"] = 0, ["item"] = Item([Part(text)], "completed") })
            .Completed(model, responseId, Item([Part(text)], "completed"))
            .Script;
    }

    /// <summary>A Responses stream: each event as <c>event: type</c> plus its JSON, numbered in order with <c>sequence_number</c>.</summary>
    private sealed class ResponsesEvents
    {
        private int _sequence;

        public SseScript Script { get; } = new();

        public ResponsesEvents Add(string type, JsonObject fields)
        {
            var data = new JsonObject { ["type"] = type, ["sequence_number"] = _sequence++ };
            foreach (var (name, value) in fields.ToList())
            {
                fields.Remove(name);
                data[name] = value;
            }

            Script.Event(type, data.ToJsonString());
            return this;
        }

        public ResponsesEvents Created(string model, string responseId) =>
            Add("response.created", new() { ["response"] = Response(model, responseId, "in_progress", []) });

        public ResponsesEvents Completed(string model, string responseId, JsonObject item)
        {
            var response = Response(model, responseId, "completed", [item]);
            response["usage"] = new JsonObject
            {
                ["input_tokens"] = 1200,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
                ["output_tokens"] = 20,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = 1220,
            };
            return Add("response.completed", new() { ["response"] = response });
        }

        private static JsonObject Response(string model, string id, string status, JsonArray output) => new()
        {
            ["id"] = id,
            ["object"] = "response",
            ["created_at"] = 1_700_000_000,
            ["status"] = status,
            ["model"] = model,
            ["output"] = output,
        };
    }

    // ---- Reading requests ----

    private static JsonElement[] Input(JsonElement body) => [.. body.GetProperty("input").EnumerateArray()];

    private static JsonElement[] Tools(JsonElement body) => [.. body.GetProperty("tools").EnumerateArray()];

    private static IEnumerable<string?> ToolTypes(JsonElement body) => Tools(body).Select(t => Str(t, "type"));

    private static IEnumerable<string?> FunctionNames(JsonElement body) =>
        Tools(body).Where(t => Str(t, "type") == "function").Select(t => Str(t, "name"));

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // ---- The fixture ----

    private static readonly JsonSerializerOptions FixtureJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string FixtureFolder => Path.GetFullPath(
        Path.Combine(CodexCli.PackageFolder, "..", "ClaudeProxy.Protocols.Tests", "ResponsesDoor", "Fixtures"));

    /// <summary>
    /// With <c>UPDATE_GOLDENS=1</c>, writes the request's body (run folders replaced by
    /// placeholders, <c>client_metadata</c> sorted) to <c>name.json</c> in the Responses door's fixtures. Otherwise checks that the
    /// fixture there is what this Codex sends: the same fields, input items, base instructions and tools.
    /// </summary>
    private static async Task KeepAsFixtureAsync(RecordedRequest request, string name)
    {
        var path = Path.Combine(FixtureFolder, name + ".json");
        var actual = JsonNode.Parse(WithPlaceholders(request.BodyText))!.AsObject();

        // Codex writes these in hash order; sorted, a recording differs from the last only in its ids.
        if (actual["client_metadata"] is JsonObject metadata)
        {
            actual["client_metadata"] = new JsonObject(metadata.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        }

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDENS") == "1")
        {
            Directory.CreateDirectory(FixtureFolder);
            await File.WriteAllTextAsync(path, actual.ToJsonString(FixtureJson) + "\n", Token);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing. Run this test with UPDATE_GOLDENS=1 to record it, then review it.");
        var kept = JsonNode.Parse(await File.ReadAllTextAsync(path, Token))!.AsObject();
        var stale = $"{path} no longer matches what Codex {CodexCli.PinnedVersion} sends. Run this test with UPDATE_GOLDENS=1 to record it again, then review the difference.";
        Assert.True(
            kept.Select(p => p.Key).Order(StringComparer.Ordinal).SequenceEqual(actual.Select(p => p.Key).Order(StringComparer.Ordinal)),
            stale + " (fields)");
        Assert.True(JsonNode.DeepEquals(kept["tools"], actual["tools"]), stale + " (tools)");
        Assert.True(ItemShapes(kept).SequenceEqual(ItemShapes(actual)), stale + " (input items)");
        Assert.True(JsonNode.DeepEquals(kept["input"]![0]!["content"], actual["input"]![0]!["content"]), stale + " (base instructions)");
        var keptInput = kept["input"]!.AsArray();
        Assert.Equal(Prompt, (string?)keptInput[keptInput.Count - 1]!["content"]![0]!["text"]);
    }

    private static IEnumerable<string> ItemShapes(JsonObject body) =>
        body["input"]!.AsArray().Select(i => $"{(string?)i!["type"]}/{(string?)i["role"]}/{i["content"]?.AsArray().Count}");

    /// <summary>Puts <c>{{WORKDIR}}</c>, <c>{{CODEX_HOME}}</c> and <c>{{HOME}}</c> for the run's temporary folders.</summary>
    private static string WithPlaceholders(string body) =>
        RunFolder().Replace(body, match => "{{" + match.Groups["sub"].Value switch
        {
            "work" => "WORKDIR",
            "codex-home" => "CODEX_HOME",
            _ => "HOME",
        } + "}}");

    [GeneratedRegex(@"/[^""\s<>`']*/claude-proxy-tests/[0-9a-f]{32}/(?<sub>work|codex-home|home)")]
    private static partial Regex RunFolder();

    private static void Describe(CodexRun run, IReadOnlyList<RecordedRequest> requests)
    {
        var output = TestContext.Current.TestOutputHelper;
        if (output is null)
        {
            return;
        }

        var text = new StringBuilder()
            .AppendLine($"Codex {CodexCli.PinnedVersion}: install {CodexCli.InstallDuration.TotalSeconds:0.0} s (zero when already installed), run {run.Elapsed.TotalSeconds:0.0} s, exit {run.ExitCode}")
            .AppendLine("The server received:");
        foreach (var request in requests)
        {
            text.AppendLine($"  {request} bytes={request.Body.Length}");
            foreach (var (header, value) in request.Headers.Where(h => h.Key != "authorization"))
            {
                text.AppendLine($"    {header}: {value}");
            }
        }

        text.AppendLine(run.ToString());
        output.WriteLine(text.ToString());
    }
}
