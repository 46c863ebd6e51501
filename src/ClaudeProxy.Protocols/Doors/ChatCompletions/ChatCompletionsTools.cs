using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// <c>tools</c> (functions only; other tool types are dropped), <c>tool_choice</c> and
/// <c>parallel_tool_calls</c>, read from the client; <see cref="HubTools"/> writes them.
/// </summary>
internal static class ChatCompletionsTools
{
    /// <summary>The function tools, checked.</summary>
    public static List<HubTool> Read(JsonElement root)
    {
        var functions = new List<HubTool>();
        if (!TryGet(root, "tools", out var tools))
        {
            return functions;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw DoorProblem.At("tools", "expected an array");
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
            var name = RequiredString(function, "name", path + ".function.name");
            if (name.ValueEquals(""u8))
            {
                throw DoorProblem.At(path + ".function.name", "must not be empty");
            }

            if (TryGet(function, "description", out var description))
            {
                String(description, path + ".function.description");
            }

            if (TryGet(function, "parameters", out var parameters))
            {
                Object(parameters, path + ".function.parameters");
            }

            functions.Add(new HubTool(name, description, parameters));
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
            return (HubTools.NamedChoice(choice), default);
        }

        Object(choice, "tool_choice");
        var type = RequiredString(choice, "type", "tool_choice.type");
        switch (type.GetString())
        {
            case "function":
                var function = Required(choice, "function", "tool_choice.function");
                Object(function, "tool_choice.function");
                var name = RequiredString(function, "name", "tool_choice.function.name");
                return name.ValueEquals(""u8) ? throw DoorProblem.At("tool_choice.function.name", "must not be empty") : ("tool", name);
            case "allowed_tools":
                // The allowed subset cannot be expressed; its mode can.
                var mode = TryGet(choice, "allowed_tools", out var allowed) && allowed.ValueKind == JsonValueKind.Object
                    && allowed.TryGetProperty("mode"u8, out var modeElement) && modeElement.ValueEquals("required"u8);
                return (mode ? "any" : "auto", default);
            default:
                throw DoorProblem.At("tool_choice.type", $"{Quote(type)} is not one of function, allowed_tools");
        }
    }
}
