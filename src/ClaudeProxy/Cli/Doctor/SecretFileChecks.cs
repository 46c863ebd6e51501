using ClaudeProxy.Configuration;

namespace ClaudeProxy.Cli.Doctor;

/// <summary>Files holding secrets (the config with its upstream keys, the access key) should be the owner's alone, as the gateway creates them.</summary>
internal static class SecretFileChecks
{
    /// <summary>A warning when others may open <paramref name="path"/>; null when only its owner may (and always on Windows, which has no modes).</summary>
    public static DoctorCheck? OthersCanAccess(string name, string path, string holds) =>
        ConfigFilePermissions.OthersCanRead(path) is { } mode
            ? DoctorCheck.Warn(name, $"{path}: other users can access it (mode {ConfigFilePermissions.Octal(mode)}), and it holds {holds}", $"chmod 600 {Quoted(path)}")
            : null;

    /// <summary>A path as a shell command takes it.</summary>
    public static string Quoted(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '+' or ':' or ',' or '@') ? path : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
