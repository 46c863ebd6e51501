namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// A Gemini request the door refuses: <see cref="Exception.Message"/> names the field by its JSON path
/// (<c>contents[0].parts[1].fileData: …</c>). Thrown and caught inside the request translator only.
/// </summary>
internal sealed class GeminiDoorProblem : Exception
{
    public GeminiDoorProblem()
    {
    }

    public GeminiDoorProblem(string message)
        : base(message)
    {
    }

    public GeminiDoorProblem(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The problem of the field at <paramref name="path"/>: "<c>path: problem</c>".</summary>
    public static GeminiDoorProblem At(string path, string problem) => new($"{path}: {problem}");

    /// <summary>A problem of the request as a whole.</summary>
    public static GeminiDoorProblem Body(string problem) => new(problem);
}
