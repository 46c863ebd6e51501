using System.Text.Json;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.ChatCompletions.ChatCompletionsFields;

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
            throw ChatCompletionsProblem.At("messages", "Field required");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw ChatCompletionsProblem.At("messages", "expected an array");
        }

        var system = new List<TextPiece>();
        var turns = new List<HubTurn>();
        List<HubBlock> pendingNotes = [];
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
                        // Right after a user turn it ends that turn; otherwise it opens the next one.
                        if (turns.Count > 0 && turns[^1].IsUser)
                        {
                            turns[^1].Blocks.Add(HubBlock.Text(note));
                        }
                        else
                        {
                            pendingNotes.Add(HubBlock.Text(note));
                        }
                    }

                    break;
                case "user":
                    inConversation = true;
                    ChatCompletionsContentParts.UserContent(message, path, UserTurn(turns, ref pendingNotes).Blocks);
                    break;
                case "tool":
                    inConversation = true;
                    UserTurn(turns, ref pendingNotes).ToolResults.Add(ToolResult(message, path));
                    break;
                case "assistant":
                    inConversation = true;
                    AssistantContent(message, path, turns.Count > 0 && !turns[^1].IsUser ? turns[^1] : Add(turns, new HubTurn(isUser: false)));
                    break;
                case "function":
                    throw ChatCompletionsProblem.At(path + ".role", "the legacy 'function' role is not supported; answer tool calls with 'tool' messages");
                default:
                    throw ChatCompletionsProblem.At(path + ".role", $"{Quote(roleElement)} is not one of system, developer, user, assistant, tool");
            }
        }

        if (pendingNotes.Count > 0)
        {
            var last = new HubTurn(isUser: true);
            last.Blocks.AddRange(pendingNotes);
            turns.Add(last);
        }

        var tidy = Tidy(turns);
        if (tidy.Count == 0)
        {
            throw ChatCompletionsProblem.At("messages", "must hold at least one user or assistant message with content");
        }

        TrimFinalAssistantText(tidy);
        return (system, tidy);
    }

    private static HubTurn Add(List<HubTurn> turns, HubTurn turn)
    {
        turns.Add(turn);
        return turn;
    }

    /// <summary>The user turn the next user or tool message joins; notes waiting for it open its blocks.</summary>
    private static HubTurn UserTurn(List<HubTurn> turns, ref List<HubBlock> pendingNotes)
    {
        var turn = turns.Count > 0 && turns[^1].IsUser ? turns[^1] : Add(turns, new HubTurn(isUser: true));
        if (pendingNotes.Count > 0)
        {
            turn.Blocks.AddRange(pendingNotes);
            pendingNotes = [];
        }

        return turn;
    }

    /// <summary>Drops empty turns and merges the same-role turns that dropping made adjacent.</summary>
    private static List<HubTurn> Tidy(List<HubTurn> turns)
    {
        var result = new List<HubTurn>(turns.Count);
        foreach (var turn in turns)
        {
            if (turn.IsEmpty)
            {
                continue;
            }

            if (result.Count > 0 && result[^1].IsUser == turn.IsUser)
            {
                result[^1].Absorb(turn);
                continue;
            }

            result.Add(turn);
        }

        return result;
    }

    /// <summary>
    /// A last assistant turn is a prefill to Anthropic, which refuses one ending in white space: its last
    /// text loses its trailing white space (and goes when nothing is left).
    /// </summary>
    private static void TrimFinalAssistantText(List<HubTurn> turns)
    {
        if (turns.Count == 0 || turns[^1].IsUser || turns[^1].Blocks[^1] is not { Kind: HubBlockKind.Text } last)
        {
            return;
        }

        var text = last.Literal ?? last.Source.GetString() ?? "";
        var trimmed = text.TrimEnd();
        if (trimmed.Length == text.Length)
        {
            return;
        }

        var blocks = turns[^1].Blocks;
        blocks.RemoveAt(blocks.Count - 1);
        if (trimmed.Length > 0)
        {
            blocks.Add(HubBlock.Text(trimmed));
        }
        else if (blocks.Count == 0)
        {
            turns.RemoveAt(turns.Count - 1);
        }
    }

    /// <summary>True when the last assistant turn called tools and a user turn answers it: the request continues a tool loop.</summary>
    public static bool ContinuesToolLoop(List<HubTurn> turns)
    {
        var lastAssistant = turns.FindLastIndex(t => !t.IsUser);
        return lastAssistant >= 0 && turns[lastAssistant].HasToolUse && lastAssistant < turns.Count - 1;
    }

    private static void AssistantContent(JsonElement message, string path, HubTurn turn)
    {
        if (TryGet(message, "function_call", out _))
        {
            throw ChatCompletionsProblem.At(path + ".function_call", "the legacy function_call is not supported; use tool_calls");
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
