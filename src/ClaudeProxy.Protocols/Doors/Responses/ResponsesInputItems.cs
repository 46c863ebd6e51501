using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// The conversation's input items as the hub's system texts and turns. Leading <c>system</c>/<c>developer</c>
/// messages join <c>system</c>; later ones stay where they are, as a note in the adjacent user turn.
/// Function and custom tool calls become <c>tool_use</c> blocks, their outputs <c>tool_result</c> blocks;
/// a reasoning item this gateway wrote becomes the signed thinking of the assistant turn it opens.
/// Consecutive same-role turns merge (the reasoning, message and calls of one answer form one assistant
/// turn) and empty ones go.
/// </summary>
internal static class ResponsesInputItems
{
    /// <summary>Items of hosted tools and other server-side work a client replays from its history: the hub has no block for them.</summary>
    private static readonly FrozenSet<string> Replayed = FrozenSet.Create(StringComparer.Ordinal,
    [
        "web_search_call", "file_search_call", "image_generation_call", "code_interpreter_call", "local_shell_call",
        "local_shell_call_output", "mcp_call", "mcp_list_tools", "mcp_approval_request", "mcp_approval_response",
        "computer_call", "computer_call_output",
    ]);

    /// <summary>Adds the leading system texts to <paramref name="system"/> and returns the turns; a problem when no turn is left.</summary>
    /// <param name="items">Each item with its JSON path, in conversation order.</param>
    /// <param name="system">The system texts so far (the instructions).</param>
    public static List<HubTurn> Collect(IEnumerable<(JsonElement Item, string Path)> items, List<TextPiece> system)
    {
        var conversation = new HubConversation();
        var inConversation = false;
        foreach (var (item, path) in items)
        {
            Object(item, path);
            var type = ItemType(item, path);
            if (type == "message" && SystemText(item, path) is { } texts)
            {
                if (!inConversation)
                {
                    system.AddRange(texts.Where(AnthropicRequestJson.IsNonBlankText).Select(TextPiece.Of));
                }
                else if (SystemNote.Of(texts) is { } note)
                {
                    conversation.AddSystemNote(note);
                }

                continue;
            }

            inConversation = true;
            switch (type)
            {
                case "message":
                    Message(item, path, conversation);
                    break;
                case "function_call":
                    conversation.AssistantTurn().Blocks.Add(FunctionCall(item, path));
                    break;
                case "custom_tool_call":
                    conversation.AssistantTurn().Blocks.Add(CustomToolCall(item, path));
                    break;
                case "function_call_output" or "custom_tool_call_output":
                    var id = CallId(item, path);
                    var output = Required(item, "output", path + ".output");
                    conversation.UserTurn().ToolResults.Add(ResponsesContentParts.ToolResult(output, path + ".output", id));
                    break;
                case "reasoning":
                    if (Reasoning(item, path) is { } thinking)
                    {
                        conversation.AssistantTurn().Thinking.Add(thinking);
                    }

                    break;
                case "item_reference":
                    throw DoorProblem.At(path + ".type", "item references are not supported: send the items themselves, or continue with previous_response_id");
                case var replayed when Replayed.Contains(replayed):
                    break;
                default:
                    throw DoorProblem.At(path + ".type", $"'{Shorten(type)}' is not a supported input item type");
            }
        }

        return conversation.Finish("input", "must hold at least one user or assistant message with content");
    }

    /// <summary>The item's <c>type</c>; a message may leave it out.</summary>
    private static string ItemType(JsonElement item, string path)
    {
        if (TryGet(item, "type", out var type))
        {
            String(type, path + ".type");
            return type.GetString()!;
        }

        return TryGet(item, "role", out _) ? "message" : throw DoorProblem.At(path + ".type", "Field required");
    }

    /// <summary>The texts of a system or developer message; null for a message of another role.</summary>
    private static List<JsonElement>? SystemText(JsonElement message, string path)
    {
        var role = RequiredString(message, "role", path + ".role");
        if (!role.ValueEquals("system"u8) && !role.ValueEquals("developer"u8))
        {
            return null;
        }

        return ResponsesContentParts.Texts(Required(message, "content", path + ".content"), path + ".content");
    }

    private static void Message(JsonElement message, string path, HubConversation conversation)
    {
        var role = message.GetProperty("role"u8);
        var content = Required(message, "content", path + ".content");
        switch (role.GetString())
        {
            case "user":
                ResponsesContentParts.Message(content, path + ".content", allowImages: true, conversation.UserTurn().Blocks);
                break;
            case "assistant":
                ResponsesContentParts.Message(content, path + ".content", allowImages: false, conversation.AssistantTurn().Blocks);
                break;
            default:
                throw DoorProblem.At(path + ".role", $"{Quote(role)} is not one of user, assistant, system, developer");
        }
    }

    private static HubBlock FunctionCall(JsonElement item, string path)
    {
        var id = CallId(item, path);
        var name = Name(item, path);
        return new HubBlock(HubBlockKind.ToolUse, name, Id: id, Input: ToolArguments.Read(item, "arguments", path + ".arguments"));
    }

    /// <summary>A free-form tool's call: its <c>input</c> text as the one string property of the hub tool's input.</summary>
    private static HubBlock CustomToolCall(JsonElement item, string path)
    {
        var id = CallId(item, path);
        var name = Name(item, path);
        var text = AnthropicRequestJson.RawToken(RequiredString(item, "input", path + ".input"));
        var prefix = "{\"" + HubTools.FreeformProperty + "\":";
        var input = new byte[prefix.Length + text.Length + 1];
        Encoding.ASCII.GetBytes(prefix, input);
        text.CopyTo(input.AsSpan(prefix.Length));
        input[^1] = (byte)'}';
        return new HubBlock(HubBlockKind.ToolUse, name, Id: id, Input: input);
    }

    /// <summary>The thinking block packed into <c>encrypted_content</c>; null when there is none of this gateway's (a summary alone cannot be signed thinking).</summary>
    private static HubBlock? Reasoning(JsonElement item, string path)
    {
        if (TryGet(item, "summary", out var summary) && summary.ValueKind != JsonValueKind.Array)
        {
            throw DoorProblem.At(path + ".summary", "expected an array");
        }

        if (!TryGet(item, "encrypted_content", out var encrypted))
        {
            return null;
        }

        String(encrypted, path + ".encrypted_content");
        if (!ResponsesReasoning.TryUnpack(encrypted.GetString(), out var thinking, out var signature, out var redacted))
        {
            return null;
        }

        return redacted is not null ? HubBlock.RedactedThought(redacted) : HubBlock.Thought(thinking!, signature!);
    }

    /// <summary>The call id in Anthropic's alphabet, sanitised the same way for a call and its output.</summary>
    private static string CallId(JsonElement item, string path) => ToolUseIds.Sanitize(RequiredNonEmptyString(item, "call_id", path + ".call_id"));

    private static JsonElement Name(JsonElement item, string path)
    {
        var name = RequiredString(item, "name", path + ".name");
        return name.ValueEquals(""u8) ? throw DoorProblem.At(path + ".name", "must not be empty") : name;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
