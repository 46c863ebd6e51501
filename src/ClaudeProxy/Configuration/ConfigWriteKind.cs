namespace ClaudeProxy.Configuration;

/// <summary>Who asked for a config write; the two kinds keep separate backup rotations (see <see cref="ConfigFileWriter"/>).</summary>
public enum ConfigWriteKind
{
    /// <summary>An edit by a person: the admin API, the panel, the CLI.</summary>
    Manual,

    /// <summary>A write the gateway makes by itself: ids for channels that lack one, the demoted key order.</summary>
    Automatic,
}
