namespace ClaudeProxy.Configuration;

/// <summary>Server settings that cannot be used; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(string message)
        : base(message)
    {
    }

    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SettingsException()
    {
    }
}
