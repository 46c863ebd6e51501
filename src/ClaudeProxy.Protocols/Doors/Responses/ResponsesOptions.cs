using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// The request's settings besides input and tools: the limit, <c>reasoning</c> as a thinking budget,
/// <c>text.format</c> as a system instruction, the fields the hub cannot carry (refused) and those it
/// has no use for (checked, then ignored).
/// </summary>
internal static class ResponsesOptions
{
    public static int MaxTokens(JsonElement root) =>
        TryGet(root, "max_output_tokens", out var max) ? Integer(max, "max_output_tokens", min: 1) : ResponsesRequestTranslator.DefaultMaxTokens;

    /// <summary>The thinking budget for <c>reasoning.effort</c>; null for none (also when no effort is given).</summary>
    public static int? ThinkingBudget(JsonElement root)
    {
        if (!TryGet(root, "reasoning", out var reasoning))
        {
            return null;
        }

        Object(reasoning, "reasoning");
        foreach (var name in (ReadOnlySpan<string>)["summary", "generate_summary"])
        {
            if (TryGet(reasoning, name, out var summary))
            {
                String(summary, "reasoning." + name);
            }
        }

        return TryGet(reasoning, "effort", out var effort) ? HubOptions.ThinkingBudget(effort, "reasoning.effort") : null;
    }

    /// <summary><c>text.format</c>: a JSON answer as a system instruction; <c>text.verbosity</c> is checked and left to the model.</summary>
    public static void TextFormat(JsonElement root, List<TextPiece> system)
    {
        if (!TryGet(root, "text", out var text))
        {
            return;
        }

        Object(text, "text");
        if (TryGet(text, "verbosity", out var verbosity))
        {
            String(verbosity, "text.verbosity");
        }

        if (!TryGet(text, "format", out var format))
        {
            return;
        }

        Object(format, "text.format");
        var type = RequiredString(format, "type", "text.format.type");
        switch (type.GetString())
        {
            case "text":
                break;
            case "json_object":
                system.Add(TextPiece.Of(HubOptions.JsonAnswer(null)));
                break;
            case "json_schema":
                var schema = Required(format, "schema", "text.format.schema");
                Object(schema, "text.format.schema");
                system.Add(TextPiece.Of(HubOptions.JsonAnswer(schema)));
                break;
            default:
                throw DoorProblem.At("text.format.type", $"{Quote(type)} is not one of text, json_object, json_schema");
        }
    }

    /// <summary>Fields whose meaning the hub cannot carry: refused rather than silently changed.</summary>
    public static void CheckUnsupported(JsonElement root)
    {
        if (TryGet(root, "prompt", out _))
        {
            throw DoorProblem.At("prompt", "prompt templates are not supported: send the instructions and input themselves");
        }

        if (TryGet(root, "conversation", out _))
        {
            throw DoorProblem.At("conversation", "conversations are not supported: continue with previous_response_id, or send the whole input");
        }

        if (OptionalBoolean(root, "background", "background") == true)
        {
            throw DoorProblem.At("background", "background responses are not supported");
        }
    }

    /// <summary>Fields the hub has no use for, checked to be of their type so that a mistake is still reported.</summary>
    public static void CheckIgnored(JsonElement root)
    {
        if (TryGet(root, "include", out var include))
        {
            if (include.ValueKind != JsonValueKind.Array)
            {
                throw DoorProblem.At("include", "expected an array of strings");
            }

            var index = 0;
            foreach (var item in include.EnumerateArray())
            {
                String(item, Item("include", index++));
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["metadata", "stream_options"])
        {
            if (TryGet(root, name, out var value))
            {
                Object(value, name);
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["truncation", "service_tier"])
        {
            if (TryGet(root, name, out var value))
            {
                String(value, name);
            }
        }

        if (TryGet(root, "top_logprobs", out var topLogprobs))
        {
            Integer(topLogprobs, "top_logprobs", min: 0);
        }
    }
}
