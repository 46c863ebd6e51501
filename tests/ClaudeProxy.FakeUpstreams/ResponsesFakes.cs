using System.Text.Json.Nodes;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>
/// Replies and event streams shaped like the OpenAI Responses API (<c>POST /v1/responses</c>). An answer
/// is a list of output items — <see cref="Message"/>, <see cref="FunctionCall"/>, <see cref="Reasoning"/> —
/// returned whole by <see cref="Response(JsonObject[])"/> or streamed by <see cref="Stream(JsonObject[])"/>
/// with the event sequence the API sends (<c>response.created</c> … <c>response.completed</c>).
/// </summary>
public static class ResponsesFakes
{
    public const string DefaultModel = "gpt-5.1";
    public const string DefaultResponseId = "resp_fake01";
    public const int DefaultInputTokens = 10;
    public const int DefaultOutputTokens = 5;

    /// <summary>The fixed <c>created_at</c> timestamp, so payloads are reproducible.</summary>
    public const long CreatedAt = 1_700_000_000;

    public static JsonObject Message(string text, string id = "msg_fake01") => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["status"] = "completed",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    };

    public static JsonObject FunctionCall(string callId, string name, string arguments, string id = "fc_fake01") => new()
    {
        ["type"] = "function_call",
        ["id"] = id,
        ["status"] = "completed",
        ["call_id"] = callId,
        ["name"] = name,
        ["arguments"] = arguments,
    };

    /// <summary>A reasoning item: its summary (empty for none) and, when the request asked for it, its encrypted content.</summary>
    public static JsonObject Reasoning(string summary, string? encryptedContent, string id = "rs_fake01")
    {
        var item = new JsonObject
        {
            ["type"] = "reasoning",
            ["id"] = id,
            ["summary"] = summary.Length == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = summary }),
        };
        if (encryptedContent is not null)
        {
            item["encrypted_content"] = encryptedContent;
        }

        return item;
    }

    /// <summary>A 200 non-streaming reply with these output items.</summary>
    public static FakeReply Response(params JsonObject[] output) => FakeReply.Json(ResponseJson(output));

    public static string ResponseJson(params JsonObject[] output) => FakeJson.Write(ResponseObject("completed", output, Usage(DefaultInputTokens, DefaultOutputTokens, 0)));

    /// <summary>A 200 non-streaming reply with one text message.</summary>
    public static FakeReply Text(string text) => Response(Message(text));

    /// <summary>
    /// A complete stream of these output items: <c>response.created</c>, <c>response.in_progress</c>, then per
    /// item <c>output_item.added</c>, its content in one delta, <c>output_item.done</c>, and
    /// <c>response.completed</c> with the default usage.
    /// </summary>
    public static SseScript Stream(params JsonObject[] items) => Stream(DefaultInputTokens, DefaultOutputTokens, 0, items);

    /// <summary>The same, with this usage (<paramref name="cachedTokens"/> of the input read from cache).</summary>
    public static SseScript Stream(int inputTokens, int outputTokens, int cachedTokens, params JsonObject[] items)
    {
        var sequence = new Sequence();
        var script = Opening(sequence);
        for (var index = 0; index < items.Length; index++)
        {
            StreamItem(script, sequence, index, items[index]);
        }

        return script.Event(sequence.Next("response.completed", new JsonObject
        {
            ["response"] = ResponseObject("completed", items, Usage(inputTokens, outputTokens, cachedTokens)),
        }));
    }

    /// <summary>A stream of one message whose text comes in these deltas.</summary>
    public static SseScript TextStream(params string[] deltas)
    {
        var sequence = new Sequence();
        var text = string.Concat(deltas);
        var added = Message("");
        added["status"] = "in_progress";
        added["content"] = new JsonArray();
        var script = Opening(sequence)
            .Event(sequence.Next("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = added }))
            .Event(sequence.Next("response.content_part.added", Part(0, "msg_fake01", new JsonObject { ["type"] = "output_text", ["text"] = "", ["annotations"] = new JsonArray() })));
        foreach (var delta in deltas)
        {
            script.Event(sequence.Next("response.output_text.delta", new JsonObject
            {
                ["item_id"] = "msg_fake01", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = delta, ["logprobs"] = new JsonArray(),
            }));
        }

        var done = Message(text);
        return script
            .Event(sequence.Next("response.output_text.done", new JsonObject { ["item_id"] = "msg_fake01", ["output_index"] = 0, ["content_index"] = 0, ["text"] = text }))
            .Event(sequence.Next("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = done }))
            .Event(sequence.Next("response.completed", new JsonObject
            {
                ["response"] = ResponseObject("completed", [Message(text)], Usage(DefaultInputTokens, DefaultOutputTokens, 0)),
            }));
    }

    /// <summary>A stream that fails: <c>response.created</c> then <c>response.failed</c> with this error.</summary>
    public static SseScript FailedStream(string code, string message)
    {
        var sequence = new Sequence();
        var failed = ResponseObject("failed", [], null);
        failed["error"] = new JsonObject { ["code"] = code, ["message"] = message };
        return Opening(sequence).Event(sequence.Next("response.failed", new JsonObject { ["response"] = failed }));
    }

    /// <summary>An OpenAI error envelope, as the Responses API answers a non-2xx status.</summary>
    public static FakeReply Error(int status, string message, string type = "invalid_request_error", string? code = null, string? param = null) =>
        FakeReply.Json(status, FakeJson.Write(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
        }));

    private static SseScript Opening(Sequence sequence)
    {
        var inProgress = ResponseObject("in_progress", [], null);
        return new SseScript()
            .Event(sequence.Next("response.created", new JsonObject { ["response"] = inProgress.DeepClone() }))
            .Event(sequence.Next("response.in_progress", new JsonObject { ["response"] = inProgress }));
    }

    private static void StreamItem(SseScript script, Sequence sequence, int index, JsonObject item)
    {
        var id = (string)item["id"]!;
        var added = (JsonObject)item.DeepClone();
        switch ((string?)item["type"])
        {
            case "message":
                added["content"] = new JsonArray();
                script.Event(sequence.Next("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added }));
                var text = (string)item["content"]![0]!["text"]!;
                script.Event(sequence.Next("response.content_part.added", Part(index, id, new JsonObject { ["type"] = "output_text", ["text"] = "", ["annotations"] = new JsonArray() })));
                script.Event(sequence.Next("response.output_text.delta", new JsonObject
                {
                    ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0, ["delta"] = text, ["logprobs"] = new JsonArray(),
                }));
                script.Event(sequence.Next("response.output_text.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0, ["text"] = text }));
                break;
            case "function_call":
                added["arguments"] = "";
                script.Event(sequence.Next("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added }));
                var arguments = (string)item["arguments"]!;
                script.Event(sequence.Next("response.function_call_arguments.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["delta"] = arguments }));
                script.Event(sequence.Next("response.function_call_arguments.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["arguments"] = arguments }));
                break;
            case "reasoning":
                added["summary"] = new JsonArray();
                added.Remove("encrypted_content");
                script.Event(sequence.Next("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added }));
                if (item["summary"]!.AsArray() is [JsonNode part, ..])
                {
                    var summary = (string)part["text"]!;
                    script.Event(sequence.Next("response.reasoning_summary_part.added", new JsonObject
                    {
                        ["item_id"] = id, ["output_index"] = index, ["summary_index"] = 0, ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = "" },
                    }));
                    script.Event(sequence.Next("response.reasoning_summary_text.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["summary_index"] = 0, ["delta"] = summary }));
                    script.Event(sequence.Next("response.reasoning_summary_text.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["summary_index"] = 0, ["text"] = summary }));
                }

                break;
            default:
                throw new ArgumentException($"No stream shape for output item type '{item["type"]}'.", nameof(item));
        }

        script.Event(sequence.Next("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = item.DeepClone() }));
    }

    private static JsonObject Part(int index, string itemId, JsonObject part) =>
        new() { ["item_id"] = itemId, ["output_index"] = index, ["content_index"] = 0, ["part"] = part };

    private static JsonObject ResponseObject(string status, IEnumerable<JsonObject> output, JsonObject? usage) => new()
    {
        ["id"] = DefaultResponseId,
        ["object"] = "response",
        ["created_at"] = CreatedAt,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["model"] = DefaultModel,
        ["output"] = FakeJson.Array(output.Select(item => item.DeepClone())),
        ["parallel_tool_calls"] = true,
        ["store"] = false,
        ["usage"] = usage,
    };

    private static JsonObject Usage(int inputTokens, int outputTokens, int cachedTokens) => new()
    {
        ["input_tokens"] = inputTokens,
        ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = cachedTokens },
        ["output_tokens"] = outputTokens,
        ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
        ["total_tokens"] = inputTokens + outputTokens,
    };

    /// <summary>Numbers the events of one stream, as the API's <c>sequence_number</c> does.</summary>
    private sealed class Sequence
    {
        private int _next;

        public (string EventName, string Json) Next(string type, JsonObject payload)
        {
            var data = new JsonObject { ["type"] = type };
            foreach (var (name, value) in payload.ToList())
            {
                payload.Remove(name);
                data[name] = value;
            }

            data["sequence_number"] = _next++;
            return (type, FakeJson.Write(data));
        }
    }
}
