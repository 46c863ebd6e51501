using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// The <c>messages</c> as the hub's system texts and turns. Leading <c>system</c>/<c>developer</c>
/// messages become <c>system</c>; later ones stay where they are, as a note in the adjacent user turn,
/// so a growing conversation keeps its earlier bytes and a prefix cache still hits. <c>tool</c>
/// messages become <c>tool_result</c> blocks; consecutive same-role turns merge and empty ones go.
/// </summary>
internal static class ChatCompletionsMessageList
{
    /// <summary>The system texts and the turns; a problem when no turn is left.</summary>
    public static (List<TextPiece> System, List<HubTurn> Turns) Collect(JsonElement root)
    {
        if (!TryGet(root, "messages", out var messages))
        {
            throw DoorProblem.At("messages", "Field required");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw DoorProblem.At("messages", "expected an array");
        }

        var system = new List<TextPiece>();
        var conversation = new HubConversation();
        var inConversation = false;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = Item("messages", index++);
            Object(message, path);
            var roleElement = RequiredString(message, "role", path + ".role");
            var role = roleElement.GetString();
            switch (role)
            {
                case "system" or "developer":
                    var content = Required(message, "content", path + ".content");
                    var texts = ChatCompletionsContentParts.TextContent(content, path + ".content");
                    if (!inConversation)
                    {
                        system.AddRange(texts.Where(AnthropicRequestJson.IsNonBlankText).Select(TextPiece.Of));
                    }
                    else if (SystemNote.Of(content) is { } note)
                    {
                        conversation.AddSystemNote(note);
                    }

                    break;
                case "user":
                    inConversation = true;
                    ChatCompletionsContentParts.UserContent(message, path, conversation.UserTurn().Blocks);
                    break;
                case "tool":
                    inConversation = true;
                    conversation.UserTurn().ToolResults.Add(ToolResult(message, path));
                    break;
                case "assistant":
                    inConversation = true;
                    AssistantContent(message, path, conversation.AssistantTurn());
                    break;
                case "function":
                    throw DoorProblem.At(path + ".role", "the legacy 'function' role is not supported; answer tool calls with 'tool' messages");
                default:
                    throw DoorProblem.At(path + ".role", $"{Quote(roleElement)} is not one of system, developer, user, assistant, tool");
            }
        }

        return (system, conversation.Finish("messages", "must hold at least one user or assistant message with content"));
    }

    private static void AssistantContent(JsonElement message, string path, HubTurn turn)
    {
        if (TryGet(message, "function_call", out _))
        {
            throw DoorProblem.At(path + ".function_call", "the legacy function_call is not supported; use tool_calls");
        }

        ChatCompletionsContentParts.AssistantContent(message, path, turn.Blocks);
        ChatCompletionsToolCalls.Add(message, path, turn.Blocks);
    }

    private static HubBlock ToolResult(JsonElement message, string path)
    {
        var id = RequiredNonEmptyString(message, "tool_call_id", path + ".tool_call_id");
        var content = default(JsonElement);
        if (TryGet(message, "content", out var value))
        {
            ChatCompletionsContentParts.TextContent(value, path + ".content");
            content = value;
        }

        return new HubBlock(HubBlockKind.ToolResult, content, Id: ToolUseIds.Sanitize(id));
    }
}
