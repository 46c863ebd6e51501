namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>
/// A request a door refuses: <see cref="Exception.Message"/> names the field by its JSON path
/// (<c>messages[0].content[1].type: …</c>, <c>input[3].arguments: …</c>) and <see cref="Param"/> is that
/// path alone. Thrown and caught inside a door's request translator only.
/// </summary>
internal sealed class DoorProblem : Exception
{
    public DoorProblem()
    {
    }

    public DoorProblem(string message)
        : base(message)
    {
    }

    public DoorProblem(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private DoorProblem(string? param, string message)
        : base(message)
    {
        Param = param;
    }

    /// <summary>The JSON path of the field at fault; null when the body as a whole is.</summary>
    public string? Param { get; }

    /// <summary>The problem of the field at <paramref name="path"/>: "<c>path: problem</c>".</summary>
    public static DoorProblem At(string path, string problem) => new(path, $"{path}: {problem}");

    /// <summary>A problem of the body as a whole.</summary>
    public static DoorProblem Body(string problem) => new(null, problem);
}
