using System.Text.Json;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>
/// The settings the OpenAI doors read alike: sampling, the reasoning effort as a thinking budget and
/// when thinking must stay off, a JSON answer format as a system instruction, and the user id.
/// </summary>
internal static class HubOptions
{
    private const string JsonInstruction = "Respond with a single JSON object only: no text, code fence or explanation before or after it.";
    private const string SchemaInstruction = "The JSON object must conform to this JSON Schema:";

    /// <summary>The thinking budget of a reasoning effort string at <paramref name="path"/>; null for none.</summary>
    public static int? ThinkingBudget(JsonElement effort, string path)
    {
        String(effort, path);
        return effort.GetString() switch
        {
            "none" => null,
            "minimal" => 1024,
            "low" => 2048,
            "medium" => 8192,
            "high" or "xhigh" => 24576,
            _ => throw DoorProblem.At(path, $"{Quote(effort)} is not one of none, minimal, low, medium, high"),
        };
    }

    /// <summary>
    /// The thinking budget Anthropic will take, and the <c>max_tokens</c> that leaves the answer its room.
    /// Thinking is left off next to a forced tool or a prefilled answer (Anthropic refuses either), and
    /// when the request continues a tool loop whose last assistant turn lacks its signed thinking, which
    /// Anthropic then wants back.
    /// </summary>
    public static (int? Budget, int MaxTokens) Thinking(int? budget, int maxTokens, string? toolChoice, List<HubTurn> turns)
    {
        if (budget is null)
        {
            return (null, maxTokens);
        }

        if (toolChoice is "any" or "tool" || !turns[^1].IsUser
            || (HubConversation.ContinuesToolLoop(turns) && turns.FindLast(t => !t.IsUser)!.Thinking.Count == 0))
        {
            return (null, maxTokens);
        }

        // The budget counts against max_tokens: leave the answer the room the client asked for.
        return maxTokens <= budget ? (budget, (int)Math.Min(int.MaxValue, (long)budget + maxTokens)) : (budget, maxTokens);
    }

    /// <summary><c>temperature</c> (OpenAI's 0–2, clamped to Anthropic's 0–1) and <c>top_p</c>.</summary>
    public static (double? Temperature, JsonElement? TopP) Sampling(JsonElement root)
    {
        double? temperature = null;
        if (TryGet(root, "temperature", out var temperatureElement))
        {
            temperature = Math.Min(1, Number(temperatureElement, "temperature", 0, 2));
        }

        JsonElement? topP = null;
        if (TryGet(root, "top_p", out var topPElement))
        {
            Number(topPElement, "top_p", 0, 1);
            topP = topPElement;
        }

        return (temperature, topP);
    }

    /// <summary>The system instruction that asks for a JSON object, conforming to <paramref name="schema"/> when there is one.</summary>
    public static string JsonAnswer(JsonElement? schema) =>
        schema is { } s ? $"{JsonInstruction}\n{SchemaInstruction}\n{s.GetRawText()}" : JsonInstruction;

    /// <summary><c>user</c>, else <c>safety_identifier</c> (its successor), else <c>prompt_cache_key</c>: the gateway's conversation affinity reads <c>metadata.user_id</c>.</summary>
    public static JsonElement? UserId(JsonElement root)
    {
        JsonElement? userId = null;
        foreach (var name in (ReadOnlySpan<string>)["prompt_cache_key", "safety_identifier", "user"])
        {
            if (TryGet(root, name, out var value))
            {
                String(value, name);
                if (!value.ValueEquals(""u8))
                {
                    userId = value;
                }
            }
        }

        return userId;
    }
}
