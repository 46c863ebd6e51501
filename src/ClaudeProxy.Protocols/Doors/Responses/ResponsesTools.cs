using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// <c>tools</c> and <c>tool_choice</c>. Function tools are Anthropic tools as they are; custom (free-form)
/// tools become tools of one string input whose description carries the format the text must follow;
/// hosted and other tools the client cannot run through the hub are dropped and reported.
/// </summary>
internal static class ResponsesTools
{
    /// <summary>The tools the hub serves, the names of the custom ones, and the types of the dropped ones (each once, in order).</summary>
    public static (List<HubTool> Tools, HashSet<string> CustomTools, List<string> Dropped) Read(JsonElement root)
    {
        var result = (Tools: new List<HubTool>(), CustomTools: new HashSet<string>(StringComparer.Ordinal), Dropped: new List<string>());
        if (!TryGet(root, "tools", out var tools))
        {
            return result;
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
            var type = RequiredString(tool, "type", path + ".type").GetString()!;
            switch (type)
            {
                case "function":
                    result.Tools.Add(Function(tool, path));
                    break;
                case "custom":
                    var custom = Custom(tool, path);
                    result.Tools.Add(custom);
                    result.CustomTools.Add(custom.Name.GetString()!);
                    break;
                default:
                    // Hosted tools (web_search, file_search, mcp, …) and tool groups run where the hub cannot reach.
                    if (!result.Dropped.Contains(type))
                    {
                        result.Dropped.Add(type);
                    }

                    break;
            }
        }

        return result;
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
            case "function" or "custom":
                var name = RequiredString(choice, "name", "tool_choice.name");
                return name.ValueEquals(""u8) ? throw DoorProblem.At("tool_choice.name", "must not be empty") : ("tool", name);
            case "allowed_tools":
                // The allowed subset cannot be expressed; its mode can.
                var required = TryGet(choice, "mode", out var mode) && mode.ValueEquals("required"u8);
                return (required ? "any" : "auto", default);
            case "web_search" or "web_search_preview" or "file_search" or "image_generation" or "code_interpreter" or "computer_use_preview" or "mcp" or "local_shell":
                // A hosted tool was dropped; the model still chooses among the others.
                return ("auto", default);
            default:
                throw DoorProblem.At("tool_choice.type", $"{Quote(type)} is not one of function, custom, allowed_tools");
        }
    }

    private static HubTool Function(JsonElement tool, string path)
    {
        var name = Name(tool, path);
        var description = Description(tool, path);
        if (TryGet(tool, "parameters", out var parameters))
        {
            Object(parameters, path + ".parameters");
        }

        OptionalBoolean(tool, "strict", path + ".strict");
        return new HubTool(name, description, parameters);
    }

    /// <summary>A free-form tool: one string input, described by the format the text must follow.</summary>
    private static HubTool Custom(JsonElement tool, string path)
    {
        var name = Name(tool, path);
        var description = Description(tool, path);
        var input = "The tool's input: free-form text, sent as it is.";
        if (TryGet(tool, "format", out var format))
        {
            Object(format, path + ".format");
            var type = RequiredString(format, "type", path + ".format.type");
            switch (type.GetString())
            {
                case "text":
                    break;
                case "grammar":
                    var syntax = RequiredString(format, "syntax", path + ".format.syntax").GetString();
                    var definition = RequiredString(format, "definition", path + ".format.definition").GetString();
                    input = $"The tool's input: text that follows this {syntax} grammar exactly, sent as it is.\n{definition}";
                    break;
                default:
                    throw DoorProblem.At(path + ".format.type", $"{Quote(type)} is not one of text, grammar");
            }
        }

        return new HubTool(name, description, default, input);
    }

    private static JsonElement Name(JsonElement tool, string path)
    {
        var name = RequiredString(tool, "name", path + ".name");
        return name.ValueEquals(""u8) ? throw DoorProblem.At(path + ".name", "must not be empty") : name;
    }

    private static JsonElement Description(JsonElement tool, string path)
    {
        if (!TryGet(tool, "description", out var description))
        {
            return default;
        }

        String(description, path + ".description");
        return description;
    }
}
