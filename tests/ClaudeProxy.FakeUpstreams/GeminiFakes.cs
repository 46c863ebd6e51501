using System.Text.Json.Nodes;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>
/// Replies and stream chunks shaped like the Gemini <c>generateContent</c> API. Chunk helpers return
/// the JSON of one <c>GenerateContentResponse</c>, to be written with <see cref="SseScript.Data"/>.
/// </summary>
public static class GeminiFakes
{
    public const string DefaultModelVersion = "gemini-2.5-flash";
    public const int DefaultPromptTokens = 10;
    public const int DefaultCandidatesTokens = 5;

    /// <summary>A 200 non-streaming reply with one text part.</summary>
    public static FakeReply Response(
        string text,
        string modelVersion = DefaultModelVersion,
        int promptTokens = DefaultPromptTokens,
        int candidatesTokens = DefaultCandidatesTokens) =>
        FakeReply.Json(ResponseJson(text, modelVersion, promptTokens, candidatesTokens));

    public static string ResponseJson(
        string text,
        string modelVersion = DefaultModelVersion,
        int promptTokens = DefaultPromptTokens,
        int candidatesTokens = DefaultCandidatesTokens) =>
        FinalChunk(text, "STOP", promptTokens, candidatesTokens, modelVersion);

    /// <summary>
    /// A stream as sent for <c>streamGenerateContent?alt=sse</c>: one chunk per piece of text, the last
    /// with <c>finishReason: STOP</c> and usage. Gemini ends the stream without a <c>[DONE]</c> marker.
    /// </summary>
    public static SseScript StreamChunks(params string[] textDeltas)
    {
        var script = new SseScript();
        for (var i = 0; i < textDeltas.Length - 1; i++)
        {
            script.Data(TextChunk(textDeltas[i]));
        }

        return script.Data(FinalChunk(textDeltas.Length > 0 ? textDeltas[^1] : ""));
    }

    /// <summary>A mid-stream chunk: text, no finish reason.</summary>
    public static string TextChunk(string text, string modelVersion = DefaultModelVersion) =>
        FakeJson.Write(new JsonObject
        {
            ["candidates"] = new JsonArray(Candidate([TextPart(text)], finishReason: null)),
            ["modelVersion"] = modelVersion,
        });

    /// <summary>The last chunk (or a whole non-streaming reply): text, finish reason and usage.</summary>
    public static string FinalChunk(
        string text,
        string finishReason = "STOP",
        int promptTokens = DefaultPromptTokens,
        int candidatesTokens = DefaultCandidatesTokens,
        string modelVersion = DefaultModelVersion) =>
        FakeJson.Write(new JsonObject
        {
            ["candidates"] = new JsonArray(Candidate([TextPart(text)], finishReason)),
            ["usageMetadata"] = new JsonObject
            {
                ["promptTokenCount"] = promptTokens,
                ["candidatesTokenCount"] = candidatesTokens,
                ["totalTokenCount"] = promptTokens + candidatesTokens,
            },
            ["modelVersion"] = modelVersion,
        });

    /// <summary>A chunk with one function call; <paramref name="argsJson"/> must be a JSON object.</summary>
    public static string FunctionCallChunk(string name, string argsJson, string modelVersion = DefaultModelVersion) =>
        FakeJson.Write(new JsonObject
        {
            ["candidates"] = new JsonArray(Candidate([FunctionCallPart(name, JsonNode.Parse(argsJson)!.AsObject())], finishReason: null)),
            ["modelVersion"] = modelVersion,
        });

    /// <summary>
    /// One chunk (or a whole answer) with these parts, for the shapes the helpers above do not build:
    /// thoughts, thought signatures, several calls at once. The finish reason and usage only when given.
    /// </summary>
    public static string Chunk(JsonObject[] parts, string? finishReason = null, int? promptTokens = null, int candidatesTokens = 0, int thoughtsTokens = 0, int cachedTokens = 0)
    {
        var chunk = new JsonObject { ["candidates"] = new JsonArray(Candidate(parts, finishReason)), ["modelVersion"] = DefaultModelVersion };
        if (promptTokens is { } prompt)
        {
            chunk["usageMetadata"] = new JsonObject
            {
                ["promptTokenCount"] = prompt,
                ["candidatesTokenCount"] = candidatesTokens,
                ["thoughtsTokenCount"] = thoughtsTokens,
                ["cachedContentTokenCount"] = cachedTokens,
                ["totalTokenCount"] = prompt + candidatesTokens + thoughtsTokens,
            };
        }

        return FakeJson.Write(chunk);
    }

    /// <summary>An answer to a blocked prompt: <c>promptFeedback.blockReason</c> and no candidates.</summary>
    public static string Blocked(string reason) => FakeJson.Write(new JsonObject
    {
        ["promptFeedback"] = new JsonObject { ["blockReason"] = reason },
        ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 8, ["totalTokenCount"] = 8 },
    });

    public static JsonObject TextPart(string text) => new() { ["text"] = text };

    public static JsonObject ThoughtPart(string text) => new() { ["text"] = text, ["thought"] = true };

    /// <summary>A <c>functionCall</c> part, with the thought signature Gemini may put on it.</summary>
    public static JsonObject FunctionCallPart(string name, JsonObject args, string? signature = null)
    {
        var part = new JsonObject { ["functionCall"] = new JsonObject { ["name"] = name, ["args"] = args } };
        if (signature is not null)
        {
            part["thoughtSignature"] = signature;
        }

        return part;
    }

    /// <summary>
    /// A Google API error; <paramref name="reason"/> (e.g. <c>API_KEY_INVALID</c>) adds an ErrorInfo detail.
    /// </summary>
    public static FakeReply Error(int code, string message, string status = "INVALID_ARGUMENT", string? reason = null) =>
        FakeReply.Json(code, ErrorJson(code, message, status, reason));

    public static string ErrorJson(int code, string message, string status = "INVALID_ARGUMENT", string? reason = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status };
        if (reason is not null)
        {
            error["details"] = new JsonArray(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                ["reason"] = reason,
                ["domain"] = "googleapis.com",
            });
        }

        return FakeJson.Write(new JsonObject { ["error"] = error });
    }

    private static JsonObject Candidate(JsonObject[] parts, string? finishReason)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray([.. parts]) },
        };
        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        candidate["index"] = 0;
        return candidate;
    }
}
