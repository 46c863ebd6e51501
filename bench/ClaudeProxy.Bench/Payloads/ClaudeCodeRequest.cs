using System.Buffers;
using System.Text.Json;

namespace ClaudeProxy.Bench.Payloads;

/// <summary>
/// A request shaped like the ones Claude Code sends late in a session: a billing line and a long
/// system prompt in three blocks with <c>cache_control</c>, 22 tools with JSON schemas, a
/// conversation of tool round trips (Read/Grep/Bash results), a mid-conversation <c>system</c>
/// message, adaptive thinking, <c>metadata.user_id</c>, <c>context_management</c> and
/// <c>output_config</c>. The same seed always gives the same bytes (about 155 KB).
/// </summary>
internal static class ClaudeCodeRequest
{
    public const int ToolCount = 22;
    public const int RoundTrips = 22;
    private const ulong Seed = 20_250_817;

    private static readonly string[] ToolNames =
    [
        "Task", "Bash", "Glob", "Grep", "ExitPlanMode", "Read", "Edit", "Write", "NotebookEdit", "WebFetch",
        "TodoWrite", "WebSearch", "BashOutput", "KillShell", "SlashCommand", "Skill",
        "mcp__github__create_issue", "mcp__github__list_pull_requests", "mcp__github__get_file_contents",
        "mcp__ide__getDiagnostics", "mcp__ide__executeCode", "mcp__memory__search_nodes",
    ];

    public static byte[] Build(string model, bool stream)
    {
        var text = new DeterministicText(Seed);
        var buffer = new ArrayBufferWriter<byte>(192 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteNumber("max_tokens", 32000);
            WriteSystem(writer, text);
            WriteMessages(writer, text);
            writer.WriteNumber("temperature", 1);
            WriteTools(writer, text);
            writer.WriteStartObject("metadata");
            writer.WriteString("user_id", $"{{\"device_id\":\"{text.HexId(64)}\",\"account_uuid\":\"\",\"session_id\":\"{text.HexId(8)}-{text.HexId(4)}-{text.HexId(4)}-{text.HexId(4)}-{text.HexId(12)}\"}}");
            writer.WriteEndObject();
            writer.WriteStartObject("thinking");
            writer.WriteString("type", "adaptive");
            writer.WriteEndObject();
            writer.WriteStartObject("context_management");
            writer.WriteStartArray("edits");
            writer.WriteStartObject();
            writer.WriteString("type", "clear_thinking_20251015");
            writer.WriteString("keep", "all");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject("output_config");
            writer.WriteString("effort", "medium");
            writer.WriteEndObject();
            writer.WriteBoolean("stream", stream);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSystem(Utf8JsonWriter writer, DeterministicText text)
    {
        writer.WriteStartArray("system");
        WriteTextBlock(writer, "x-anthropic-billing-header: cc_version=2.1.0.bench; cc_entrypoint=cli; cch=00000;", cache: false);
        WriteTextBlock(writer, "You are Claude Code, Anthropic's official CLI for Claude.", cache: true);
        WriteTextBlock(writer, "You are an interactive CLI tool that helps users with software engineering tasks.\n\n" + text.Prose(19_000)
            + "\n\n<env>\nWorking directory: /home/user/project\nIs directory a git repo: Yes\nPlatform: linux\nToday's date: 2025-08-17\n</env>", cache: true);
        writer.WriteEndArray();
    }

    private static void WriteTools(Utf8JsonWriter writer, DeterministicText text)
    {
        writer.WriteStartArray("tools");
        for (var i = 0; i < ToolCount; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("name", ToolNames[i]);
            writer.WriteString("description", text.Prose(text.Between(500, 2400)));
            writer.WriteStartObject("input_schema");
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            var propertyCount = text.Between(2, 6);
            var required = new List<string>();
            for (var p = 0; p < propertyCount; p++)
            {
                var name = $"{text.Word()}_{text.Word()}_{p}";
                if (p < 2)
                {
                    required.Add(name);
                }

                writer.WriteStartObject(name);
                switch (text.Next(4))
                {
                    case 0:
                        writer.WriteString("type", "number");
                        break;
                    case 1:
                        writer.WriteString("type", "string");
                        writer.WriteStartArray("enum");
                        writer.WriteStringValue(text.Word());
                        writer.WriteStringValue(text.Word() + "_" + text.Word());
                        writer.WriteStringValue(text.Word());
                        writer.WriteEndArray();
                        break;
                    case 2:
                        writer.WriteString("type", "array");
                        writer.WriteStartObject("items");
                        writer.WriteString("type", "object");
                        writer.WriteStartObject("properties");
                        writer.WriteStartObject("content");
                        writer.WriteString("type", "string");
                        writer.WriteNumber("minLength", 1);
                        writer.WriteEndObject();
                        writer.WriteStartObject("status");
                        writer.WriteString("type", "string");
                        writer.WriteStartArray("enum");
                        writer.WriteStringValue("pending");
                        writer.WriteStringValue("in_progress");
                        writer.WriteStringValue("completed");
                        writer.WriteEndArray();
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                        writer.WriteStartArray("required");
                        writer.WriteStringValue("content");
                        writer.WriteStringValue("status");
                        writer.WriteEndArray();
                        writer.WriteBoolean("additionalProperties", false);
                        writer.WriteEndObject();
                        break;
                    default:
                        writer.WriteString("type", "string");
                        break;
                }

                writer.WriteString("description", text.Sentence(8, 30));
                writer.WriteEndObject();
            }

            ToolSchemaJson.WriteRequiredAndClose(writer, required);
        }

        writer.WriteEndArray();
    }

    private static void WriteMessages(Utf8JsonWriter writer, DeterministicText text)
    {
        writer.WriteStartArray("messages");
        writer.WriteStartObject();
        writer.WriteString("role", "user");
        writer.WriteStartArray("content");
        WriteTextBlock(writer, "<system-reminder>\nAs you answer the user's questions, you can use the following context:\n" + text.Prose(3_000) + "\n</system-reminder>", cache: false);
        WriteTextBlock(writer, text.Sentence(12, 30) + " " + text.Sentence(), cache: false);
        writer.WriteEndArray();
        writer.WriteEndObject();

        for (var round = 0; round < RoundTrips; round++)
        {
            var toolUseId = $"toolu_01{text.HexId(22)}";
            var last = round == RoundTrips - 1;
            WriteAssistantToolCall(writer, text, toolUseId, round);
            if (round == RoundTrips / 2)
            {
                // Claude Code puts system messages mid-conversation; translators must fold or keep them.
                writer.WriteStartObject();
                writer.WriteString("role", "system");
                writer.WriteString("content", "<system-reminder>" + text.Sentence(10, 25) + "</system-reminder>");
                writer.WriteEndObject();
            }

            writer.WriteStartObject();
            writer.WriteString("role", "user");
            writer.WriteStartArray("content");
            writer.WriteStartObject();
            writer.WriteString("type", "tool_result");
            writer.WriteString("tool_use_id", toolUseId);
            writer.WriteString("content", round % 3 == 2 ? text.Prose(text.Between(1_500, 3_500)) : text.NumberedCode(text.Between(2_000, 4_800)));
            if (last)
            {
                writer.WriteStartObject("cache_control");
                writer.WriteString("type", "ephemeral");
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteAssistantToolCall(Utf8JsonWriter writer, DeterministicText text, string toolUseId, int round)
    {
        writer.WriteStartObject();
        writer.WriteString("role", "assistant");
        writer.WriteStartArray("content");
        WriteTextBlock(writer, text.Sentence(8, 40), cache: false);
        writer.WriteStartObject();
        writer.WriteString("type", "tool_use");
        writer.WriteString("id", toolUseId);
        switch (round % 3)
        {
            case 0:
                writer.WriteString("name", "Read");
                writer.WriteStartObject("input");
                writer.WriteString("file_path", $"/home/user/project/src/{text.Identifier()}/{text.Identifier()}.cs");
                writer.WriteEndObject();
                break;
            case 1:
                writer.WriteString("name", "Grep");
                writer.WriteStartObject("input");
                writer.WriteString("pattern", $"{text.Identifier()}\\.{text.Word()}\\(");
                writer.WriteString("output_mode", "content");
                writer.WriteBoolean("-n", true);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteString("name", "Bash");
                writer.WriteStartObject("input");
                writer.WriteString("command", $"dotnet test --filter {text.Identifier()} 2>&1 | tail -40");
                writer.WriteString("description", text.Sentence(3, 8));
                writer.WriteEndObject();
                break;
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTextBlock(Utf8JsonWriter writer, string value, bool cache)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", value);
        if (cache)
        {
            writer.WriteStartObject("cache_control");
            writer.WriteString("type", "ephemeral");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
