namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>
/// The hub's turns as an OpenAI door reads a conversation in order: consecutive same-role turns merge,
/// mid-conversation system notes stay where they were (so a growing conversation keeps its earlier
/// bytes and a prefix cache still hits), and empty turns go at the end.
/// </summary>
internal sealed class HubConversation
{
    private readonly List<HubTurn> turns = [];
    private List<HubBlock> pendingNotes = [];

    /// <summary>The user turn the next user content or tool result joins; notes waiting for it open its blocks.</summary>
    public HubTurn UserTurn()
    {
        var turn = turns.Count > 0 && turns[^1].IsUser ? turns[^1] : Add(new HubTurn(isUser: true));
        if (pendingNotes.Count > 0)
        {
            turn.Blocks.AddRange(pendingNotes);
            pendingNotes = [];
        }

        return turn;
    }

    /// <summary>The assistant turn the next assistant content joins.</summary>
    public HubTurn AssistantTurn() => turns.Count > 0 && !turns[^1].IsUser ? turns[^1] : Add(new HubTurn(isUser: false));

    /// <summary>
    /// A system message met mid-conversation, as a note: right after a user turn it ends that turn;
    /// otherwise it opens the next user turn (after its tool results), else a user turn of its own at the end.
    /// </summary>
    public void AddSystemNote(string note)
    {
        if (turns.Count > 0 && turns[^1].IsUser)
        {
            turns[^1].Blocks.Add(HubBlock.Text(note));
        }
        else
        {
            pendingNotes.Add(HubBlock.Text(note));
        }
    }

    /// <summary>The turns to write; a problem at <paramref name="emptyPath"/> when none is left.</summary>
    public List<HubTurn> Finish(string emptyPath, string emptyProblem)
    {
        if (pendingNotes.Count > 0)
        {
            var last = new HubTurn(isUser: true);
            last.Blocks.AddRange(pendingNotes);
            turns.Add(last);
            pendingNotes = [];
        }

        var tidy = Tidy(turns);
        if (tidy.Count == 0)
        {
            throw DoorProblem.At(emptyPath, emptyProblem);
        }

        TrimFinalAssistantText(tidy);
        return tidy;
    }

    /// <summary>True when the last assistant turn called tools and a user turn answers it: the request continues a tool loop.</summary>
    public static bool ContinuesToolLoop(List<HubTurn> turns)
    {
        var lastAssistant = turns.FindLastIndex(t => !t.IsUser);
        return lastAssistant >= 0 && turns[lastAssistant].HasToolUse && lastAssistant < turns.Count - 1;
    }

    private HubTurn Add(HubTurn turn)
    {
        turns.Add(turn);
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

}
