using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// What every translated Anthropic message must satisfy whatever the fixture expects: a known stop
/// reason, four non-negative usage numbers, no empty text block (the client would echo it back and
/// Anthropic rejects it) nor an empty thinking block without a signature, tool_use ids in Anthropic's
/// alphabet and object inputs.
/// </summary>
internal static partial class AnthropicMessageRules
{
    private static readonly HashSet<string> StopReasons = ["end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal", "model_context_window_exceeded"];

    public static void Check(JsonObject message, string requestedModel)
    {
        ArgumentNullException.ThrowIfNull(message);
        Assert.Equal("message", (string?)message["type"]);
        Assert.Equal("assistant", (string?)message["role"]);
        Assert.Equal(requestedModel, (string?)message["model"]);
        Assert.Matches(MessageIdPattern(), (string?)message["id"]);
        Assert.Contains((string?)message["stop_reason"] ?? "(null)", StopReasons);
        var usage = Assert.IsType<JsonObject>(message["usage"]);
        foreach (var field in new[] { "input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens" })
        {
            Assert.True(usage[field] is JsonValue value && value.GetValue<long>() >= 0, $"usage.{field} is missing or negative");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in Assert.IsType<JsonArray>(message["content"]).Select(b => Assert.IsType<JsonObject>(b)))
        {
            switch ((string?)block["type"])
            {
                case "text":
                    Assert.False(string.IsNullOrEmpty((string?)block["text"]), "an empty text block");
                    break;
                case "thinking":
                    // Empty thinking is Anthropic's own shape for reasoning it does not show, and needs the signature that carries it.
                    Assert.NotNull((string?)block["signature"]);
                    Assert.False(string.IsNullOrEmpty((string?)block["thinking"]) && string.IsNullOrEmpty((string?)block["signature"]), "an empty thinking block without a signature");
                    break;
                case "tool_use":
                    var id = (string?)block["id"];
                    Assert.Matches(ToolUseIdPattern(), id);
                    Assert.True(ids.Add(id!), $"tool_use id {id} used twice");
                    Assert.False(string.IsNullOrEmpty((string?)block["name"]), "a tool_use without a name");
                    Assert.IsType<JsonObject>(block["input"]);
                    break;
                default:
                    Assert.Fail($"unexpected block type {block["type"]}");
                    break;
            }
        }
    }

    [GeneratedRegex("^msg_[A-Za-z0-9_]+$")]
    private static partial Regex MessageIdPattern();

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex ToolUseIdPattern();
}
