using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// The request's top-level settings besides messages and tools: limits, stop sequences,
/// <c>reasoning_effort</c> as a thinking budget, <c>response_format</c> as a system instruction, and
/// the fields the hub cannot carry. Sampling and the user id are read as <see cref="HubOptions"/> reads them.
/// </summary>
internal static class ChatCompletionsOptions
{
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
    public static int? ThinkingBudget(JsonElement root) =>
        TryGet(root, "reasoning_effort", out var effort) ? HubOptions.ThinkingBudget(effort, "reasoning_effort") : null;

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
            throw DoorProblem.At("stop", "expected a string or an array of strings");
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
                system.Add(TextPiece.Of(HubOptions.JsonAnswer(null)));
                break;
            case "json_schema":
                var jsonSchema = Required(format, "json_schema", "response_format.json_schema");
                Object(jsonSchema, "response_format.json_schema");
                if (TryGet(jsonSchema, "schema", out var schema))
                {
                    Object(schema, "response_format.json_schema.schema");
                    system.Add(TextPiece.Of(HubOptions.JsonAnswer(schema)));
                }
                else
                {
                    system.Add(TextPiece.Of(HubOptions.JsonAnswer(null)));
                }

                break;
            default:
                throw DoorProblem.At("response_format.type", $"{Quote(type)} is not one of text, json_object, json_schema");
        }
    }

    /// <summary>Fields whose meaning the hub cannot carry: refused rather than silently changed.</summary>
    public static void CheckUnsupported(JsonElement root)
    {
        if (TryGet(root, "n", out var n) && Integer(n, "n", min: 1) > 1)
        {
            throw DoorProblem.At("n", "only 1 is supported");
        }

        if (TryGet(root, "functions", out _))
        {
            throw DoorProblem.At("functions", "the legacy functions are not supported; use tools");
        }

        if (TryGet(root, "function_call", out _))
        {
            throw DoorProblem.At("function_call", "the legacy function_call is not supported; use tool_choice");
        }
    }
}
