using System.Buffers;
using System.Text.Json;
using ClaudeProxy.Bench.Payloads;

namespace ClaudeProxy.Bench.PromptCache;

/// <summary>
/// One Claude Code session, turn by turn: every request resends the whole conversation (the answers
/// as the gateway returned them) plus the new user turn, after the system prompt and tools every
/// session shares. Like Claude Code it sends its session id as <c>x-claude-code-session-id</c> and
/// in <c>metadata.user_id</c> (<c>user_&lt;64 hex&gt;_account__session_&lt;uuid&gt;</c>), and moves the
/// message breakpoint (<c>cache_control</c>) to the newest user turn. Deterministic per index.
/// </summary>
internal sealed class ClaudeCodeConversation
{
    public const string SessionHeader = "x-claude-code-session-id";
    private const ulong Seed = 20_250_929;

    private static readonly string[] ToolNames = ["Task", "Bash", "Glob", "Grep", "Read", "Edit", "Write", "TodoWrite"];
    private static readonly byte[] SharedSystem = BuildSystem();
    private static readonly byte[] SharedTools = BuildTools();

    private readonly List<(string Role, byte[] Content)> _history = [];
    private readonly DeterministicText _text;
    private readonly string _model;
    private readonly string _userId;
    private byte[]? _pendingUser;

    public ClaudeCodeConversation(int index, string model)
    {
        _text = new DeterministicText(Seed + ((ulong)index * 0x9E3779B97F4A7C15UL));
        _model = model;
        SessionId = $"{_text.HexId(8)}-{_text.HexId(4)}-4{_text.HexId(3)}-a{_text.HexId(3)}-{_text.HexId(12)}";
        _userId = $"user_{_text.HexId(64)}_account__session_{SessionId}";
    }

    public string SessionId { get; }

    /// <summary>The body of the next turn: the conversation so far and a new user turn.</summary>
    public byte[] NextRequest()
    {
        _pendingUser ??= UserTurn(_history.Count == 0);
        var buffer = new ArrayBufferWriter<byte>(SharedSystem.Length + SharedTools.Length + (_history.Sum(m => m.Content.Length + 40) * 11 / 10) + 8192);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", _model);
            writer.WriteNumber("max_tokens", 32000);
            writer.WritePropertyName("system");
            writer.WriteRawValue(SharedSystem, skipInputValidation: true);
            writer.WriteStartArray("messages");
            foreach (var (role, content) in _history)
            {
                WriteMessage(writer, role, content);
            }

            writer.WriteStartObject();
            writer.WriteString("role", "user");
            writer.WriteStartArray("content");
            WriteTextBlock(writer, _pendingUser, cache: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WritePropertyName("tools");
            writer.WriteRawValue(SharedTools, skipInputValidation: true);
            writer.WriteStartObject("metadata");
            writer.WriteString("user_id", _userId);
            writer.WriteEndObject();
            writer.WriteBoolean("stream", false);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Keeps the turn just sent and the assistant's <c>content</c> as answered, for the next request to resend.</summary>
    public void Answered(JsonElement content)
    {
        var user = _pendingUser ?? throw new InvalidOperationException("No turn was sent.");
        var plain = new ArrayBufferWriter<byte>(user.Length + 64);
        using (var writer = new Utf8JsonWriter(plain))
        {
            writer.WriteStartArray();
            WriteTextBlock(writer, user, cache: false);
            writer.WriteEndArray();
        }

        _history.Add(("user", plain.WrittenSpan.ToArray()));
        _history.Add(("assistant", System.Text.Encoding.UTF8.GetBytes(content.GetRawText())));
        _pendingUser = null;
    }

    /// <summary>The first turn carries Claude Code's context reminder and the task; later ones are the user's follow-ups.</summary>
    private byte[] UserTurn(bool first)
    {
        var text = first
            ? "<system-reminder>\nAs you answer the user's questions, you can use the following context:\n" + _text.Prose(2_000) + "\n</system-reminder>\n" + _text.Sentence(12, 30)
            : _text.Prose(_text.Between(200, 2_500));
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    private static void WriteMessage(Utf8JsonWriter writer, string role, byte[] content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WritePropertyName("content");
        writer.WriteRawValue(content, skipInputValidation: true);
        writer.WriteEndObject();
    }

    private static void WriteTextBlock(Utf8JsonWriter writer, ReadOnlySpan<byte> text, bool cache)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", text);
        if (cache)
        {
            writer.WriteStartObject("cache_control");
            writer.WriteString("type", "ephemeral");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Claude Code's three system blocks (billing line, identity, ~6 KB of instructions), the last two with breakpoints.</summary>
    private static byte[] BuildSystem()
    {
        var text = new DeterministicText(Seed);
        return Json(writer =>
        {
            writer.WriteStartArray();
            WriteTextBlock(writer, "x-anthropic-billing-header: cc_version=2.1.0.bench; cc_entrypoint=cli;"u8, cache: false);
            WriteTextBlock(writer, "You are Claude Code, Anthropic's official CLI for Claude."u8, cache: true);
            var instructions = "You are an interactive CLI tool that helps users with software engineering tasks.\n\n" + text.Prose(6_000)
                + "\n\n<env>\nWorking directory: /home/user/project\nIs directory a git repo: Yes\nPlatform: linux\n</env>";
            WriteTextBlock(writer, System.Text.Encoding.UTF8.GetBytes(instructions), cache: true);
            writer.WriteEndArray();
        });
    }

    /// <summary>Eight tools with a description and a small JSON schema each, about 8 KB in all.</summary>
    private static byte[] BuildTools()
    {
        var text = new DeterministicText(Seed + 1);
        return Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var name in ToolNames)
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("description", text.Prose(text.Between(400, 1_400)));
                writer.WriteStartObject("input_schema");
                writer.WriteString("type", "object");
                writer.WriteStartObject("properties");
                var required = new List<string>();
                for (var p = text.Between(2, 4); p > 0; p--)
                {
                    var property = $"{text.Word()}_{text.Word()}_{p}";
                    required.Add(property);
                    writer.WriteStartObject(property);
                    writer.WriteString("type", text.Next(2) == 0 ? "string" : "number");
                    writer.WriteString("description", text.Sentence(6, 20));
                    writer.WriteEndObject();
                }

                ToolSchemaJson.WriteRequiredAndClose(writer, required);
            }

            writer.WriteEndArray();
        });
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
