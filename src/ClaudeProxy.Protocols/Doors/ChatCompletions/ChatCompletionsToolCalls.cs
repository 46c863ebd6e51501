using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// An assistant message's <c>tool_calls</c> as <c>tool_use</c> blocks: arguments parsed, ids kept when
/// they are in Anthropic's alphabet, else sanitised the same way as the tool results that answer them.
/// </summary>
internal static class ChatCompletionsToolCalls
{
    /// <summary>Adds the message's tool calls, if any, to the assistant turn's blocks.</summary>
    public static void Add(JsonElement message, string path, List<HubBlock> blocks)
    {
        if (!TryGet(message, "tool_calls", out var toolCalls))
        {
            return;
        }

        var callsPath = path + ".tool_calls";
        if (toolCalls.ValueKind != JsonValueKind.Array)
        {
            throw DoorProblem.At(callsPath, "expected an array");
        }

        var callIndex = 0;
        foreach (var call in toolCalls.EnumerateArray())
        {
            var callPath = Item(callsPath, callIndex++);
            Object(call, callPath);
            var id = RequiredNonEmptyString(call, "id", callPath + ".id");
            if (TryGet(call, "type", out var type))
            {
                String(type, callPath + ".type");
                if (!type.ValueEquals("function"u8))
                {
                    throw DoorProblem.At(callPath + ".type", $"{Quote(type)} tool calls are not supported; only function");
                }
            }

            var function = Required(call, "function", callPath + ".function");
            Object(function, callPath + ".function");
            var name = RequiredString(function, "name", callPath + ".function.name");
            if (name.ValueEquals(""u8))
            {
                throw DoorProblem.At(callPath + ".function.name", "must not be empty");
            }

            var input = ToolArguments.Read(function, "arguments", callPath + ".function.arguments");
            blocks.Add(new HubBlock(HubBlockKind.ToolUse, name, Id: ToolUseIds.Sanitize(id), Input: input));
        }
    }
}
