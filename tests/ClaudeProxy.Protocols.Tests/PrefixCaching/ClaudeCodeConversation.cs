using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Protocols.Tests.PrefixCaching;

/// <summary>
/// The requests of one Claude Code session, turn by turn: each sends the whole history back with the
/// assistant's last answer and the next user message added. Shaped like Claude Code's: a billing line
/// that changes on every request, system blocks, <c>cache_control</c> on the newest user block (so it
/// moves every turn), thinking, tool_use/tool_result rounds (parallel calls, a failed call, an image
/// result), <c>&lt;system-reminder&gt;</c> texts in user turns, and <c>role: system</c> messages that
/// appear mid-conversation on some turns and then stay in the history — before the first turn, after
/// an assistant turn, and after the newest user message (the request then ends with them).
/// </summary>
internal static class ClaudeCodeConversation
{
    /// <summary>Claude Code is JavaScript: JSON.stringify escapes only quotes, backslashes and control characters.</summary>
    private static readonly JsonSerializerOptions AsJavaScriptWritesIt = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Image = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    /// <summary>System messages added before the turn's user message, by turn.</summary>
    private static readonly Dictionary<int, JsonNode[]> SystemBefore = new()
    {
        [1] = [JsonValue.Create("Output style: concise. Lead with the answer.")],
        [4] = [JsonValue.Create("The user switched to plan mode: research, then present a plan before editing anything.")],
        [9] = [JsonValue.Create("Plan mode ended; edits are allowed again.")],
        [15] = [JsonValue.Create("Stay inside the \"src\" folder.\nThe build runs at 20 °C — ünïcode and a tab\there.")],
    };

    /// <summary>System messages added after the turn's user message (the request ends with them), by turn.</summary>
    private static readonly Dictionary<int, JsonNode[]> SystemAfter = new()
    {
        [7] = [JsonValue.Create("The user changed the model to claude-sonnet-4-5.")],
        [12] =
        [
            JsonValue.Create("Todo list changed: 2 of 5 done."),
            new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = "Context left: 41%." },
                new JsonObject { ["type"] = "text", ["text"] = " " },
                new JsonObject { ["type"] = "text", ["text"] = "Consider /compact soon.", ["cache_control"] = Ephemeral() }),
        ],
    };

    /// <summary>One request: its body, and the texts of the system messages it holds in <c>messages</c> (a message's blocks joined by a blank line).</summary>
    public sealed record Turn(int Number, byte[] Body, IReadOnlyList<string> SystemTexts);

    public static IReadOnlyList<Turn> Requests(int turns)
    {
        var history = new JsonArray();
        var systemTexts = new List<string>();
        var requests = new List<Turn>(turns);
        List<(string Id, string Name)> calls = [];
        for (var turn = 1; turn <= turns; turn++)
        {
            if (turn > 1)
            {
                var (answer, made) = Answer(turn - 1);
                history.Add(answer);
                calls = made;
            }

            AddSystem(SystemBefore, turn, history, systemTexts);
            history.Add(calls.Count == 0 ? Prompt(turn) : Results(turn, calls));
            AddSystem(SystemAfter, turn, history, systemTexts);
            requests.Add(new Turn(turn, Request(turn, history), [.. systemTexts]));
        }

        return requests;
    }

    private static void AddSystem(Dictionary<int, JsonNode[]> messages, int turn, JsonArray history, List<string> texts)
    {
        foreach (var content in messages.GetValueOrDefault(turn) ?? [])
        {
            history.Add(new JsonObject { ["role"] = "system", ["content"] = content.DeepClone() });
            texts.Add(content is JsonArray blocks
                ? string.Join("\n\n", blocks.Select(b => (string)b!["text"]!).Where(t => !string.IsNullOrWhiteSpace(t)))
                : (string)content!);
        }
    }

    /// <summary>The request as Claude Code sends it: a fresh billing line, and cache_control on the last system block and the newest user block only.</summary>
    private static byte[] Request(int turn, JsonArray history)
    {
        var messages = (JsonArray)history.DeepClone();
        var newestUser = messages.Last(m => (string?)m!["role"] == "user")!;
        var blocks = newestUser["content"]!.AsArray();
        blocks[^1]!["cache_control"] = Ephemeral();
        var request = new JsonObject
        {
            ["model"] = "claude-sonnet-4-5-20250929",
            ["max_tokens"] = 32000,
            ["stream"] = true,
            ["system"] = new JsonArray(
                Text($"x-anthropic-billing-header: cc_version=2.0.31.{turn:x3}; cc_entrypoint=cli; cch={turn * 7919:x5};"),
                Text("You are Claude Code, Anthropic's official CLI for Claude."),
                new JsonObject
                {
                    ["type"] = "text",
                    ["text"] = "You are an interactive CLI tool that helps users with software engineering tasks.\n<env>\nWorking directory: /home/dev/app\nPlatform: linux\n</env>",
                    ["cache_control"] = Ephemeral(),
                }),
            ["messages"] = messages,
            ["tools"] = Tools(),
            ["metadata"] = new JsonObject { ["user_id"] = "user_5f2c9e0d8b7a6f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e_account__session_7c1e1d2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a" },
            ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 31999 },
        };
        return Encoding.UTF8.GetBytes(request.ToJsonString(AsJavaScriptWritesIt));
    }

    private static JsonObject Prompt(int turn) => User(
        Text("<system-reminder>\nAs you answer the user's questions, you can use the following context:\n# claudeMd\nUse file-scoped namespaces.\n</system-reminder>"),
        Text($"Step {turn}: find the failing test in the parser and fix it."));

    /// <summary>One tool_result per call, in call order; one result in three fails, one carries an image, some turns end with a reminder.</summary>
    private static JsonObject Results(int turn, List<(string Id, string Name)> calls)
    {
        var blocks = new List<JsonNode>();
        foreach (var (id, name) in calls)
        {
            var result = new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = id };
            if (name == "Edit" && turn % 3 == 0)
            {
                result["content"] = "<tool_use_error>String to replace not found in file.</tool_use_error>";
                result["is_error"] = true;
            }
            else if (name == "Read" && turn % 2 == 0)
            {
                result["content"] = new JsonArray(
                    Text($"Screenshot of turn {turn}."),
                    new JsonObject { ["type"] = "image", ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = "image/png", ["data"] = Image } });
            }
            else
            {
                result["content"] = $"{name} output for turn {turn}:\n  1\tnamespace App;\n  2\tpublic sealed class Parser {{ }}";
            }

            blocks.Add(result);
        }

        if (turn % 4 == 0)
        {
            blocks.Add(Text("<system-reminder>\nThe TodoWrite tool hasn't been used recently.\n</system-reminder>"));
        }

        return User([.. blocks]);
    }

    /// <summary>The assistant's answer to a turn, as the client keeps it, and the calls it made.</summary>
    private static (JsonObject Answer, List<(string Id, string Name)> Calls) Answer(int turn)
    {
        var blocks = new JsonArray();
        List<(string Id, string Name)> calls = [];

        void Call(string name, JsonObject input)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"toolu_01{turn:D2}{calls.Count}AbCdEfGhIjKlMnOp");
            calls.Add((id, name));
            blocks.Add(new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = input });
        }

        switch (turn % 5)
        {
            case 0:
                blocks.Add(Text($"Step {turn} is done: the parser test passes."));
                break;
            case 1:
                blocks.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = $"Turn {turn}: run the tests first.", ["signature"] = "EqQBCkgIBxABGAIiQFp1c2lnbmF0dXJl" });
                blocks.Add(Text("Running the tests."));
                Call("Bash", new JsonObject { ["command"] = "dotnet test", ["description"] = "Run the tests" });
                break;
            case 2:
                blocks.Add(Text("Reading the parser and searching for its callers."));
                Call("Read", new JsonObject { ["file_path"] = "/home/dev/app/src/Parser.cs" });
                Call("Grep", new JsonObject { ["pattern"] = "Parser\\(", ["-n"] = true, ["output_mode"] = "content" });
                break;
            case 3:
                blocks.Add(Text(""));
                Call("Edit", new JsonObject { ["file_path"] = "/home/dev/app/src/Parser.cs", ["old_string"] = "{ }", ["new_string"] = "{ public int Depth; }" });
                break;
            default:
                blocks.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = $"Turn {turn}: check the diff.", ["signature"] = "EqQBCkgIBxABGAIiQGRpZmY=" });
                Call("Bash", new JsonObject { ["command"] = "git diff --stat", ["description"] = "Show the diff" });
                break;
        }

        return (new JsonObject { ["role"] = "assistant", ["content"] = blocks }, calls);
    }

    private static JsonArray Tools() => new(
        Tool("Bash", "Executes a bash command.", """{"type":"object","properties":{"command":{"type":"string"},"description":{"type":"string"},"timeout":{"type":"number"}},"required":["command"],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}"""),
        Tool("Read", "Reads a file.", """{"type":"object","properties":{"file_path":{"type":"string"},"offset":{"type":"number"},"limit":{"type":"number"}},"required":["file_path"],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}"""),
        Tool("Grep", "Searches file contents.", """{"type":"object","properties":{"pattern":{"type":"string"},"-n":{"type":"boolean"},"-i":{"type":"boolean"},"output_mode":{"type":"string","enum":["content","files_with_matches","count"]}},"required":["pattern"],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}"""),
        Tool("Edit", "Replaces a string in a file.", """{"type":"object","properties":{"file_path":{"type":"string"},"old_string":{"type":"string"},"new_string":{"type":"string"},"replace_all":{"type":"boolean","default":false}},"required":["file_path","old_string","new_string"],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}"""));

    private static JsonObject Tool(string name, string description, string schema) =>
        new() { ["name"] = name, ["description"] = description, ["input_schema"] = JsonNode.Parse(schema) };

    private static JsonObject User(params JsonNode[] blocks) => new() { ["role"] = "user", ["content"] = new JsonArray(blocks) };

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    private static JsonObject Ephemeral() => new() { ["type"] = "ephemeral" };
}
