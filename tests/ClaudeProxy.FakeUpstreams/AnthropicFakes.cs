using System.Text.Json.Nodes;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>
/// Replies and stream events shaped like the Anthropic Messages API. Event helpers return
/// (event name, JSON) pairs that <see cref="SseScript"/> writes as events, so a test can put gates
/// between any two of them.
/// </summary>
public static class AnthropicFakes
{
    public const string DefaultModel = "claude-sonnet-4-5";
    public const string DefaultMessageId = "msg_fake01";
    public const int DefaultInputTokens = 10;
    public const int DefaultOutputTokens = 5;

    /// <summary>A 200 non-streaming message with one text block.</summary>
    public static FakeReply Message(
        string text,
        string model = DefaultModel,
        string id = DefaultMessageId,
        int inputTokens = DefaultInputTokens,
        int outputTokens = DefaultOutputTokens) =>
        FakeReply.Json(MessageJson(text, model, id, inputTokens, outputTokens));

    public static string MessageJson(
        string text,
        string model = DefaultModel,
        string id = DefaultMessageId,
        int inputTokens = DefaultInputTokens,
        int outputTokens = DefaultOutputTokens) =>
        FakeJson.Write(new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
            ["stop_reason"] = "end_turn",
            ["stop_sequence"] = null,
            ["usage"] = Usage(inputTokens, outputTokens),
        });

    /// <summary>A complete text stream: start, ping, one delta per piece, stop, with default usage.</summary>
    public static SseScript TextStream(string model, params string[] textDeltas)
    {
        var script = new SseScript()
            .Event(MessageStartEvent(model))
            .Event(TextBlockStartEvent(0))
            .Event(PingEvent());
        foreach (var delta in textDeltas)
        {
            script.Event(TextDeltaEvent(0, delta));
        }

        return script
            .Event(BlockStopEvent(0))
            .Event(MessageDeltaEvent())
            .Event(MessageStopEvent());
    }

    /// <summary>A text stream that sends its start and then waits for <paramref name="gate"/> before the rest: an answer in flight for as long as a test needs.</summary>
    public static SseScript HeldTextStream(Task gate, string text = "held") => new SseScript()
        .Event(MessageStartEvent())
        .Event(TextBlockStartEvent(0))
        .WaitFor(gate)
        .Event(TextDeltaEvent(0, text))
        .Event(BlockStopEvent(0))
        .Event(MessageDeltaEvent())
        .Event(MessageStopEvent());

    public static (string EventName, string Json) MessageStartEvent(
        string model = DefaultModel,
        string id = DefaultMessageId,
        int inputTokens = DefaultInputTokens) =>
        Event("message_start", new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["id"] = id,
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = model,
                ["content"] = new JsonArray(),
                ["stop_reason"] = null,
                ["stop_sequence"] = null,
                ["usage"] = Usage(inputTokens, 1),
            },
        });

    public static (string EventName, string Json) TextBlockStartEvent(int index) =>
        BlockStartEvent(index, new JsonObject { ["type"] = "text", ["text"] = "" });

    public static (string EventName, string Json) ThinkingBlockStartEvent(int index) =>
        BlockStartEvent(index, new JsonObject { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" });

    public static (string EventName, string Json) ToolUseBlockStartEvent(int index, string id, string name) =>
        BlockStartEvent(index, new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = new JsonObject() });

    public static (string EventName, string Json) PingEvent() => Event("ping", []);

    public static (string EventName, string Json) TextDeltaEvent(int index, string text) =>
        DeltaEvent(index, new JsonObject { ["type"] = "text_delta", ["text"] = text });

    public static (string EventName, string Json) ThinkingDeltaEvent(int index, string thinking) =>
        DeltaEvent(index, new JsonObject { ["type"] = "thinking_delta", ["thinking"] = thinking });

    public static (string EventName, string Json) SignatureDeltaEvent(int index, string signature) =>
        DeltaEvent(index, new JsonObject { ["type"] = "signature_delta", ["signature"] = signature });

    public static (string EventName, string Json) InputJsonDeltaEvent(int index, string partialJson) =>
        DeltaEvent(index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = partialJson });

    public static (string EventName, string Json) BlockStopEvent(int index) =>
        Event("content_block_stop", new JsonObject { ["index"] = index });

    public static (string EventName, string Json) MessageDeltaEvent(
        string stopReason = "end_turn",
        int outputTokens = DefaultOutputTokens) =>
        Event("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = outputTokens },
        });

    public static (string EventName, string Json) MessageStopEvent() => Event("message_stop", []);

    /// <summary>An in-stream error, as sent when the API fails after the stream began (e.g. overloaded).</summary>
    public static (string EventName, string Json) ErrorEvent(string type, string message) =>
        ("error", ErrorJson(type, message));

    /// <summary>An error reply, e.g. <c>Error(529, "overloaded_error", "Overloaded")</c>.</summary>
    public static FakeReply Error(int status, string type, string message) =>
        FakeReply.Json(status, ErrorJson(type, message));

    public static string ErrorJson(string type, string message) =>
        FakeJson.Write(new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
        });

    /// <summary>A <c>/v1/models</c> page listing these ids.</summary>
    public static FakeReply Models(params string[] ids) =>
        FakeReply.Json(FakeJson.Write(new JsonObject
        {
            ["data"] = FakeJson.Array(ids.Select(id => (JsonNode?)new JsonObject
            {
                ["type"] = "model",
                ["id"] = id,
                ["display_name"] = id,
                ["created_at"] = "2025-01-01T00:00:00Z",
            })),
            ["has_more"] = false,
            ["first_id"] = ids.Length > 0 ? ids[0] : null,
            ["last_id"] = ids.Length > 0 ? ids[^1] : null,
        }));

    /// <summary>A <c>/v1/messages/count_tokens</c> reply.</summary>
    public static FakeReply CountTokens(int inputTokens) =>
        FakeReply.Json(FakeJson.Write(new JsonObject { ["input_tokens"] = inputTokens }));

    private static JsonObject Usage(int inputTokens, int outputTokens) => new()
    {
        ["input_tokens"] = inputTokens,
        ["output_tokens"] = outputTokens,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
    };

    private static (string EventName, string Json) BlockStartEvent(int index, JsonObject block) =>
        Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = block });

    private static (string EventName, string Json) DeltaEvent(int index, JsonObject delta) =>
        Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = delta });

    // The payload's "type" always repeats the event name, and comes first as in the real API.
    private static (string EventName, string Json) Event(string name, JsonObject fields)
    {
        var payload = new JsonObject { ["type"] = name };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            payload[key] = value;
        }

        return (name, FakeJson.Write(payload));
    }
}
