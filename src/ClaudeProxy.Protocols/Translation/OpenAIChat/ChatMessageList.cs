using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>
/// The Chat Completions messages of a request before they are written: built in order, then
/// tidied (same-role turns merged, empty turns dropped) the way strict compatible servers need.
/// </summary>
internal sealed class ChatMessageList
{
    public List<ChatMessage> Messages { get; } = [];

    public void Add(ChatMessage message) => Messages.Add(message);

    /// <summary>Merges consecutive user, assistant or system turns and drops turns left with nothing to say.</summary>
    public List<ChatMessage> Tidy()
    {
        var result = new List<ChatMessage>(Messages.Count);
        foreach (var message in Messages)
        {
            if (message.IsEmpty)
            {
                continue;
            }

            if (result.Count > 0 && result[^1] is var previous && previous.Role == message.Role && message.Role != ChatRole.Tool)
            {
                previous.Absorb(message);
                continue;
            }

            result.Add(message);
        }

        return result;
    }
}

internal enum ChatRole
{
    System,
    User,
    Assistant,
    Tool,
}

internal sealed class ChatMessage(ChatRole role)
{
    public ChatRole Role { get; } = role;

    public List<ChatPart> Parts { get; } = [];

    public string? ToolCallId { get; init; }

    /// <summary>A tool result the tool reported as failed: its text is sent after "Error: ".</summary>
    public bool IsError { get; init; }

    public List<ChatToolCall> ToolCalls { get; } = [];

    /// <summary>Earlier reasoning, replayed to upstreams that require it back (DeepSeek thinking mode with tools).</summary>
    public List<JsonElement> Reasoning { get; } = [];

    public bool IsEmpty => Role != ChatRole.Tool && Parts.Count == 0 && ToolCalls.Count == 0;

    public bool HasOnlyText => Parts.TrueForAll(p => p.Kind == ChatPartKind.Text);

    public void Absorb(ChatMessage next)
    {
        Parts.AddRange(next.Parts);
        ToolCalls.AddRange(next.ToolCalls);
        Reasoning.AddRange(next.Reasoning);
    }
}

internal enum ChatPartKind
{
    Text,
    ImageUrl,
    File,
}

/// <summary>
/// One content part. Text keeps the client's JSON string element when it can, so a long text is
/// copied as it is instead of decoded and encoded again.
/// </summary>
internal readonly record struct ChatPart(ChatPartKind Kind, JsonElement Source, string? Literal = null, string? FileName = null) : ITextPiece
{
    public static ChatPart Text(JsonElement jsonString) => new(ChatPartKind.Text, jsonString);

    public static ChatPart Text(string literal) => new(ChatPartKind.Text, default, literal);
}

internal readonly record struct ChatToolCall(string Id, string Name, JsonElement Input);
