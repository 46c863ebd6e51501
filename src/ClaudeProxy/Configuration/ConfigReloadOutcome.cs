namespace ClaudeProxy.Configuration;

public enum ConfigReloadOutcome
{
    /// <summary>The file changed and the new config is live.</summary>
    Applied,

    /// <summary>The file holds what is already live.</summary>
    Unchanged,

    /// <summary>The file is broken; the last good config stays live.</summary>
    Rejected,
}
