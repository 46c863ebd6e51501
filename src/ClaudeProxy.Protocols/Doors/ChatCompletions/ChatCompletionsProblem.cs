namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// A Chat Completions request the door refuses: <see cref="Exception.Message"/> names the field by
/// its JSON path (<c>messages[0].content[1].type: …</c>) and <see cref="Param"/> is that path alone.
/// Thrown and caught inside the request translator only.
/// </summary>
internal sealed class ChatCompletionsProblem : Exception
{
    public ChatCompletionsProblem()
    {
    }

    public ChatCompletionsProblem(string message)
        : base(message)
    {
    }

    public ChatCompletionsProblem(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private ChatCompletionsProblem(string? param, string message)
        : base(message)
    {
        Param = param;
    }

    /// <summary>The JSON path of the field at fault; null when the body as a whole is.</summary>
    public string? Param { get; }

    /// <summary>The problem of the field at <paramref name="path"/>: "<c>path: problem</c>".</summary>
    public static ChatCompletionsProblem At(string path, string problem) => new(path, $"{path}: {problem}");

    /// <summary>A problem of the body as a whole.</summary>
    public static ChatCompletionsProblem Body(string problem) => new(null, problem);
}
