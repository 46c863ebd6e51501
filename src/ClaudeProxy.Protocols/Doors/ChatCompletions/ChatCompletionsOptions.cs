using System.Text.Json;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.ChatCompletions.ChatCompletionsFields;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// The request's top-level settings besides messages and tools: limits, sampling, stop sequences,
/// <c>reasoning_effort</c> as a thinking budget, <c>response_format</c> as a system instruction, the
/// user id, and the fields the hub cannot carry.
/// </summary>
internal static class ChatCompletionsOptions
{
    private const string JsonInstruction = "Respond with a single JSON object only: no text, code fence or explanation before or after it.";
    private const string SchemaInstruction = "The JSON object must conform to this JSON Schema:";

    public static int MaxTokens(JsonElement root)
    {
        int? maxTokens = null;
        if (TryGet(root, "max_tokens", out var legacy))
        {
            maxTokens = Integer(legacy, "max_tokens", min: 1);
        }

        if (TryGet(root, "max_completion_tokens", out var completion))
        {
            maxTokens = Integer(completion, "max_completion_tokens", min: 1);
        }

        return maxTokens ?? ChatCompletionsRequestTranslator.DefaultMaxTokens;
    }

    /// <summary>The thinking budget for <c>reasoning_effort</c>; null for none.</summary>
    public static int? ThinkingBudget(JsonElement root)
    {
        if (!TryGet(root, "reasoning_effort", out var effort))
        {
            return null;
        }

        String(effort, "reasoning_effort");
        return effort.GetString() switch
        {
            "none" => null,
            "minimal" => 1024,
            "low" => 2048,
            "medium" => 8192,
            "high" or "xhigh" => 24576,
            _ => throw ChatCompletionsProblem.At("reasoning_effort", $"{Quote(effort)} is not one of none, minimal, low, medium, high"),
        };
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

    public static List<JsonElement> StopSequences(JsonElement root)
    {
        var stops = new List<JsonElement>();
        if (!TryGet(root, "stop", out var stop))
        {
            return stops;
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            stops.Add(stop);
        }
        else if (stop.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in stop.EnumerateArray())
            {
                String(item, Item("stop", index++));
                stops.Add(item);
            }
        }
        else
        {
            throw ChatCompletionsProblem.At("stop", "expected a string or an array of strings");
        }

        // Anthropic refuses an empty stop sequence; it would stop nothing anyway.
        stops.RemoveAll(s => s.ValueEquals(""u8));
        return stops;
    }

    public static void ResponseFormat(JsonElement root, List<TextPiece> system)
    {
        if (!TryGet(root, "response_format", out var format))
        {
            return;
        }

        Object(format, "response_format");
        var type = RequiredString(format, "type", "response_format.type");
        switch (type.GetString())
        {
            case "text":
                break;
            case "json_object":
                system.Add(TextPiece.Of(JsonInstruction));
                break;
            case "json_schema":
                var jsonSchema = Required(format, "json_schema", "response_format.json_schema");
                Object(jsonSchema, "response_format.json_schema");
                if (TryGet(jsonSchema, "schema", out var schema))
                {
                    Object(schema, "response_format.json_schema.schema");
                    system.Add(TextPiece.Of($"{JsonInstruction}\n{SchemaInstruction}\n{schema.GetRawText()}"));
                }
                else
                {
                    system.Add(TextPiece.Of(JsonInstruction));
                }

                break;
            default:
                throw ChatCompletionsProblem.At("response_format.type", $"{Quote(type)} is not one of text, json_object, json_schema");
        }
    }

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

    /// <summary>Fields whose meaning the hub cannot carry: refused rather than silently changed.</summary>
    public static void CheckUnsupported(JsonElement root)
    {
        if (TryGet(root, "n", out var n) && Integer(n, "n", min: 1) > 1)
        {
            throw ChatCompletionsProblem.At("n", "only 1 is supported");
        }

        if (TryGet(root, "functions", out _))
        {
            throw ChatCompletionsProblem.At("functions", "the legacy functions are not supported; use tools");
        }

        if (TryGet(root, "function_call", out _))
        {
            throw ChatCompletionsProblem.At("function_call", "the legacy function_call is not supported; use tool_choice");
        }
    }
}
