namespace ClaudeProxy.Configuration;

/// <summary>One problem in a config file: where (a JSON path such as <c>upstream[1].baseUrl</c>) and what.</summary>
public sealed record ConfigIssue(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
