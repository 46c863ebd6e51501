using System.Text.Json;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Gemini.GeminiDoorFields;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

using ClaudeProxy.Protocols.Doors.Hub;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// <c>contents</c> as the hub's turns: role <c>user</c> (or none) and <c>model</c> become user and
/// assistant turns; consecutive same-role turns merge and empty ones go. Texts (blank ones dropped),
/// images and PDFs, function calls and responses (see <see cref="GeminiDoorFunctions"/>). The model's
/// own <c>thought</c> parts are dropped, except where a thought signature packed by this door
/// (<see cref="GeminiDoorThoughtSignature"/>) rides on a model part: its thinking blocks are restored
/// before that part, so Anthropic gets its signed thinking back. Other signatures (Gemini's own, the
/// Gemini CLI's skip value) mean nothing to the hub and are dropped.
/// </summary>
internal sealed class GeminiDoorContents
{
    private readonly List<GeminiDoorTurn> _turns = [];
    private readonly GeminiDoorFunctions _functions = new();

    /// <summary>The turns of <c>contents</c> under <paramref name="parent"/>; a problem when none is left.</summary>
    public static List<GeminiDoorTurn> Collect(JsonElement request, string parent)
    {
        if (!TryGet(request, "contents", out var contents, out var key))
        {
            throw DoorProblem.At(Child(parent, "contents"), "Field required");
        }

        var path = Child(parent, key);
        Array(contents, path);
        var reader = new GeminiDoorContents();
        var index = 0;
        foreach (var content in contents.EnumerateArray())
        {
            reader.Read(content, Item(path, index), index);
            index++;
        }

        var turns = Tidy(reader._turns);
        if (turns.Count == 0)
        {
            throw DoorProblem.At(path, "must hold at least one content with a text, media or function part");
        }

        TrimFinalAssistantText(turns);
        return turns;
    }

    /// <summary>True when the last model turn called functions and a user turn answers it: the request continues a tool loop.</summary>
    public static bool ContinuesToolLoop(List<GeminiDoorTurn> turns)
    {
        var lastAssistant = turns.FindLastIndex(t => !t.IsUser);
        return lastAssistant >= 0 && turns[lastAssistant].HasToolUse && lastAssistant < turns.Count - 1;
    }

    /// <summary>The last model turn, if any.</summary>
    public static GeminiDoorTurn? LastAssistant(List<GeminiDoorTurn> turns) => turns.FindLast(t => !t.IsUser);

    private void Read(JsonElement content, string path, int contentIndex)
    {
        Object(content, path);
        var isUser = true;
        if (TryGet(content, "role", out var role, out var roleKey))
        {
            String(role, Child(path, roleKey));
            isUser = role.GetString() switch
            {
                "user" or "" or "function" => true,
                "model" => false,
                _ => throw DoorProblem.At(Child(path, roleKey), $"{Quote(role)} is not one of user, model"),
            };
        }

        var previousIsModel = _turns.Count > 0 && !_turns[^1].IsUser;
        var turn = new GeminiDoorTurn(isUser);
        _turns.Add(turn);
        if (!isUser && !previousIsModel)
        {
            _functions.BeginModelTurn();
        }

        if (!TryGet(content, "parts", out var parts, out var partsKey))
        {
            return;
        }

        var partsPath = Child(path, partsKey);
        Array(parts, partsPath);
        var partIndex = 0;
        string? restored = null;
        foreach (var item in parts.EnumerateArray())
        {
            var part = GeminiDoorPart.Read(item, Item(partsPath, partIndex));
            if (isUser)
            {
                UserPart(part, turn);
            }
            else
            {
                restored = ModelPart(part, turn, contentIndex, partIndex, restored);
            }

            partIndex++;
        }
    }

    private void UserPart(GeminiDoorPart part, GeminiDoorTurn turn)
    {
        switch (part.Kind)
        {
            case GeminiDoorPartKind.Text when !part.Thought:
                AddText(part, turn.Blocks);
                break;
            case GeminiDoorPartKind.Text or GeminiDoorPartKind.None when part.Thought || part.Signature is not null:
                break;
            case GeminiDoorPartKind.InlineData:
                turn.Blocks.Add(GeminiDoorMedia.Read(part.Data, part.Path));
                break;
            case GeminiDoorPartKind.FunctionResponse:
                turn.ToolResults.Add(_functions.Response(part.Data, part.Path));
                break;
            case GeminiDoorPartKind.FunctionCall:
                throw DoorProblem.At(part.Path, "a functionCall belongs in a content with role 'model'");
            default:
                throw Unsupported(part);
        }
    }

    /// <summary>A model part; returns the signature whose thinking was last restored, so a run of parts carrying it restores it once.</summary>
    private string? ModelPart(GeminiDoorPart part, GeminiDoorTurn turn, int contentIndex, int partIndex, string? restored)
    {
        if (part.Signature is { } signature && signature != restored && GeminiDoorThoughtSignature.TryUnpack(signature, out var thinking))
        {
            turn.Blocks.AddRange(thinking.Select(GeminiDoorBlock.FromThinking));
            restored = signature;
        }

        if (part.Thought)
        {
            // The model's thought text: Anthropic takes thinking back only with its signature, restored above.
            return restored;
        }

        switch (part.Kind)
        {
            case GeminiDoorPartKind.None when part.Signature is not null:
                break;
            case GeminiDoorPartKind.Text:
                AddText(part, turn.Blocks);
                break;
            case GeminiDoorPartKind.FunctionCall:
                turn.Blocks.Add(_functions.Call(part.Data, part.Path, contentIndex, partIndex));
                break;
            case GeminiDoorPartKind.FunctionResponse:
                throw DoorProblem.At(part.Path, "a functionResponse belongs in a content with role 'user'");
            case GeminiDoorPartKind.InlineData:
                throw DoorProblem.At(part.Path, "the model's own media cannot be sent back: Anthropic takes images and documents from the user only");
            default:
                throw Unsupported(part);
        }

        return restored;
    }

    private static DoorProblem Unsupported(GeminiDoorPart part) => part.Kind switch
    {
        GeminiDoorPartKind.FileData => DoorProblem.At(part.Path, "fileData (files uploaded to Google) is not supported; send the file as inlineData"),
        GeminiDoorPartKind.ExecutableCode or GeminiDoorPartKind.CodeExecutionResult => DoorProblem.At(part.Path, "code execution parts are not supported: the gateway has no code execution tool"),
        _ => DoorProblem.At(part.Path, "a part must hold text, inlineData, functionCall or functionResponse"),
    };

    private static void AddText(GeminiDoorPart part, List<GeminiDoorBlock> into)
    {
        String(part.Data, part.Path);

        // Anthropic refuses empty and blank text blocks.
        if (AnthropicRequestJson.IsNonBlankText(part.Data))
        {
            into.Add(GeminiDoorBlock.Text(part.Data));
        }
    }

    /// <summary>Drops empty turns and merges the same-role turns that are then adjacent.</summary>
    private static List<GeminiDoorTurn> Tidy(List<GeminiDoorTurn> turns)
    {
        var result = new List<GeminiDoorTurn>(turns.Count);
        foreach (var turn in turns.Where(t => !t.IsEmpty))
        {
            if (result.Count > 0 && result[^1].IsUser == turn.IsUser)
            {
                result[^1].Absorb(turn);
            }
            else
            {
                result.Add(turn);
            }
        }

        return result;
    }

    /// <summary>
    /// A last model turn is a prefill to Anthropic, which refuses one ending in white space: its last text
    /// loses its trailing white space (and goes when nothing is left).
    /// </summary>
    private static void TrimFinalAssistantText(List<GeminiDoorTurn> turns)
    {
        if (turns[^1].IsUser || turns[^1].Blocks[^1] is not { Kind: GeminiDoorBlockKind.Text } last)
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
            blocks.Add(GeminiDoorBlock.Text(trimmed));
        }
        else if (blocks.Count == 0)
        {
            turns.RemoveAt(turns.Count - 1);
        }
    }
}
