namespace ClaudeProxy.Configuration.Editing;

/// <summary>Why an edit cannot be made: the channel or key does not exist, it would duplicate one, or a field is invalid.</summary>
public sealed class ConfigEditException : Exception
{
    public ConfigEditException(ConfigEditError error, string message, string? field = null)
        : base(message)
    {
        Error = error;
        Field = field;
    }

    public ConfigEditException()
    {
    }

    public ConfigEditException(string message)
        : base(message)
    {
    }

    public ConfigEditException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigEditError Error { get; } = ConfigEditError.Invalid;

    /// <summary>The field at fault, when one is (e.g. <c>baseUrl</c>).</summary>
    public string? Field { get; }
}

public enum ConfigEditError
{
    Invalid,
    NotFound,
    Conflict,
}
