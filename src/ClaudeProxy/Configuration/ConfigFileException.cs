namespace ClaudeProxy.Configuration;

/// <summary>A config file that cannot go live; the message names the file, the line and the problem.</summary>
public sealed class ConfigFileException : Exception
{
    public ConfigFileException(string message)
        : base(message)
    {
    }

    public ConfigFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigFileException()
    {
    }

    public IReadOnlyList<string> Problems { get; init; } = [];
}
