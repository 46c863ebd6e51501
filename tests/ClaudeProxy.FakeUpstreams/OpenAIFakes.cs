using System.Text.Json.Nodes;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>
/// Replies and stream chunks shaped like the OpenAI Chat Completions API. Chunk helpers return the
/// JSON of one <c>chat.completion.chunk</c>, to be written with <see cref="SseScript.Data"/>.
/// </summary>
public static class OpenAIFakes
{
    public const string DefaultModel = "gpt-4o";
    public const string DefaultCompletionId = "chatcmpl-fake01";
    public const int DefaultPromptTokens = 10;
    public const int DefaultCompletionTokens = 5;

    /// <summary>The fixed <c>created</c> timestamp, so payloads are reproducible.</summary>
    public const long Created = 1_700_000_000;

    /// <summary>A 200 non-streaming completion with one assistant message.</summary>
    public static FakeReply ChatCompletion(
        string text,
        string model = DefaultModel,
        string id = DefaultCompletionId,
        int promptTokens = DefaultPromptTokens,
        int completionTokens = DefaultCompletionTokens) =>
        FakeReply.Json(ChatCompletionJson(text, model, id, promptTokens, completionTokens));

    public static string ChatCompletionJson(
        string text,
        string model = DefaultModel,
        string id = DefaultCompletionId,
        int promptTokens = DefaultPromptTokens,
        int completionTokens = DefaultCompletionTokens) =>
        FakeJson.Write(new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = Usage(promptTokens, completionTokens, 0),
        });

    /// <summary>
    /// A complete stream as sent with <c>stream_options.include_usage</c>: a role chunk, one chunk per
    /// piece of text, a finish chunk, a usage-only chunk with no choices, then <c>[DONE]</c>.
    /// </summary>
    public static SseScript ChunkStream(string model, params string[] textDeltas)
    {
        var script = new SseScript().Data(RoleChunk(model));
        foreach (var delta in textDeltas)
        {
            script.Data(TextChunk(delta, model));
        }

        return script
            .Data(FinishChunk("stop", model))
            .Data(UsageChunk(DefaultPromptTokens, DefaultCompletionTokens, model: model))
            .Done();
    }

    /// <summary>The first chunk: the assistant role with empty content.</summary>
    public static string RoleChunk(string model = DefaultModel) =>
        Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, finishReason: null);

    public static string TextChunk(string text, string model = DefaultModel) =>
        Chunk(model, new JsonObject { ["content"] = text }, finishReason: null);

    /// <summary>
    /// One tool-call fragment. The first fragment of a call carries its id and name; later ones only
    /// the index and a piece of the arguments.
    /// </summary>
    public static string ToolCallChunk(
        int index,
        string? id = null,
        string? name = null,
        string? argumentsFragment = null,
        string model = DefaultModel)
    {
        var call = new JsonObject { ["index"] = index };
        if (id is not null)
        {
            call["id"] = id;
            call["type"] = "function";
        }

        var function = new JsonObject();
        if (name is not null)
        {
            function["name"] = name;
        }

        if (argumentsFragment is not null)
        {
            function["arguments"] = argumentsFragment;
        }

        if (function.Count > 0)
        {
            call["function"] = function;
        }

        return Chunk(model, new JsonObject { ["tool_calls"] = new JsonArray(call) }, finishReason: null);
    }

    /// <summary>An empty delta with a finish reason such as <c>stop</c>, <c>length</c> or <c>tool_calls</c>.</summary>
    public static string FinishChunk(string reason, string model = DefaultModel) =>
        Chunk(model, [], reason);

    /// <summary>The usage-only chunk that ends an <c>include_usage</c> stream (its choices are empty).</summary>
    public static string UsageChunk(
        int promptTokens,
        int completionTokens,
        int cachedTokens = 0,
        string model = DefaultModel) =>
        FakeJson.Write(new JsonObject
        {
            ["id"] = DefaultCompletionId,
            ["object"] = "chat.completion.chunk",
            ["created"] = Created,
            ["model"] = model,
            ["choices"] = new JsonArray(),
            ["usage"] = Usage(promptTokens, completionTokens, cachedTokens),
        });

    public static FakeReply Error(
        int status,
        string message,
        string type = "invalid_request_error",
        string? code = null) =>
        FakeReply.Json(status, ErrorJson(message, type, code));

    public static string ErrorJson(string message, string type = "invalid_request_error", string? code = null) =>
        FakeJson.Write(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = type,
                ["param"] = null,
                ["code"] = code,
            },
        });

    private static string Chunk(string model, JsonObject delta, string? finishReason) =>
        FakeJson.Write(new JsonObject
        {
            ["id"] = DefaultCompletionId,
            ["object"] = "chat.completion.chunk",
            ["created"] = Created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        });

    private static JsonObject Usage(int promptTokens, int completionTokens, int cachedTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cachedTokens },
    };
}
