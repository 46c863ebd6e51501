using System.Runtime.InteropServices;
using System.Text.Json;
using static ClaudeProxy.Protocols.Doors.ChatCompletions.ChatCompletionsFields;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// <c>tools</c> (functions only; other tool types are dropped), <c>tool_choice</c> and
/// <c>parallel_tool_calls</c>, read from the client and written as Anthropic's tools and tool choice.
/// </summary>
internal static class ChatCompletionsTools
{
    /// <summary>The <c>function</c> objects of the function tools, checked.</summary>
    public static List<JsonElement> Read(JsonElement root)
    {
        var functions = new List<JsonElement>();
        if (!TryGet(root, "tools", out var tools))
        {
            return functions;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw ChatCompletionsProblem.At("tools", "expected an array");
        }

        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var path = Item("tools", index++);
            Object(tool, path);
            if (TryGet(tool, "type", out var type))
            {
                String(type, path + ".type");
                if (!type.ValueEquals("function"u8))
                {
                    // custom (free-form input) and hosted tools have no Anthropic equivalent the client could run.
                    continue;
                }
            }

            var function = Required(tool, "function", path + ".function");
            Object(function, path + ".function");
            if (RequiredString(function, "name", path + ".function.name").ValueEquals(""u8))
            {
                throw ChatCompletionsProblem.At(path + ".function.name", "must not be empty");
            }

            if (TryGet(function, "description", out var description))
            {
                String(description, path + ".function.description");
            }

            if (TryGet(function, "parameters", out var parameters))
            {
                Object(parameters, path + ".function.parameters");
            }

            functions.Add(function);
        }

        return functions;
    }

    /// <summary>The Anthropic tool choice type (auto, none, any, tool) and the forced tool's name; null when the client gave none.</summary>
    public static (string? Type, JsonElement Name) ReadToolChoice(JsonElement root)
    {
        if (!TryGet(root, "tool_choice", out var choice))
        {
            return (null, default);
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "auto" => ("auto", default),
                "none" => ("none", default),
                "required" => ("any", default),
                _ => throw ChatCompletionsProblem.At("tool_choice", $"{Quote(choice)} is not one of none, auto, required"),
            };
        }

        Object(choice, "tool_choice");
        var type = RequiredString(choice, "type", "tool_choice.type");
        switch (type.GetString())
        {
            case "function":
                var function = Required(choice, "function", "tool_choice.function");
                Object(function, "tool_choice.function");
                var name = RequiredString(function, "name", "tool_choice.function.name");
                return name.ValueEquals(""u8) ? throw ChatCompletionsProblem.At("tool_choice.function.name", "must not be empty") : ("tool", name);
            case "allowed_tools":
                // The allowed subset cannot be expressed; its mode can.
                var mode = TryGet(choice, "allowed_tools", out var allowed) && allowed.ValueKind == JsonValueKind.Object
                    && allowed.TryGetProperty("mode"u8, out var modeElement) && modeElement.ValueEquals("required"u8);
                return (mode ? "any" : "auto", default);
            default:
                throw ChatCompletionsProblem.At("tool_choice.type", $"{Quote(type)} is not one of function, allowed_tools");
        }
    }

    /// <summary>The tools and the tool choice; neither when there are no tools, since Anthropic refuses a tool choice without them.</summary>
    public static void Write(Utf8JsonWriter writer, List<JsonElement> tools, string? choiceType, JsonElement forcedName, bool disableParallel)
    {
        if (tools.Count == 0)
        {
            // No tools: a tool_choice would be refused.
            return;
        }

        writer.WriteStartArray("tools"u8);
        foreach (var function in tools)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("name"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(function.GetProperty("name"u8)), skipInputValidation: true);
            if (TryGet(function, "description", out var description))
            {
                writer.WritePropertyName("description"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(description), skipInputValidation: true);
            }

            writer.WritePropertyName("input_schema"u8);
            if (TryGet(function, "parameters", out var parameters))
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(parameters), skipInputValidation: true);
            }
            else
            {
                writer.WriteRawValue("""{"type":"object","properties":{}}"""u8, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var type = choiceType ?? (disableParallel ? "auto" : null);
        if (type is null)
        {
            return;
        }

        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, type);
        if (type == "tool")
        {
            writer.WritePropertyName("name"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(forcedName), skipInputValidation: true);
        }

        if (disableParallel && type != "none")
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        writer.WriteEndObject();
    }
}
