using System.Text.Json.Nodes;

namespace ClaudeProxy.Tests.Gemini;

/// <summary>
/// <c>GenerateContentResponse</c> chunks with the parts the shared fakes do not build: thoughts,
/// thought signatures, several calls in one chunk, a blocked prompt.
/// </summary>
internal static class GeminiChunks
{
    public static JsonObject Thought(string text) => new() { ["text"] = text, ["thought"] = true };

    public static JsonObject Text(string text) => new() { ["text"] = text };

    public static JsonObject Call(string name, JsonObject args, string? signature = null)
    {
        var part = new JsonObject { ["functionCall"] = new JsonObject { ["name"] = name, ["args"] = args } };
        if (signature is not null)
        {
            part["thoughtSignature"] = signature;
        }

        return part;
    }

    /// <summary>One chunk (or a whole answer) with these parts; the finish reason and usage only when given.</summary>
    public static string Chunk(JsonObject[] parts, string? finishReason = null, int? promptTokens = null, int candidatesTokens = 0, int thoughtsTokens = 0, int cachedTokens = 0)
    {
        var candidate = new JsonObject { ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray([.. parts]) }, ["index"] = 0 };
        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        var chunk = new JsonObject { ["candidates"] = new JsonArray(candidate), ["modelVersion"] = "gemini-2.5-flash" };
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

        return chunk.ToJsonString();
    }

    public static string Blocked(string reason) => new JsonObject
    {
        ["promptFeedback"] = new JsonObject { ["blockReason"] = reason },
        ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 8, ["totalTokenCount"] = 8 },
    }.ToJsonString();
}
