using ClaudeProxy.Configuration;

namespace ClaudeProxy.Cli.Doctor;

/// <summary>The config file: there (or to be created at the first start), readable, valid as <c>config validate</c> has it, and private.</summary>
internal static class ConfigFileChecks
{
    public const string Name = "config";

    /// <summary>The findings, and the config when the file is valid (an absent file is the empty config the gateway would create).</summary>
    public sealed record Result(IReadOnlyList<DoctorCheck> Checks, ProxyConfig? Config);

    public static Result Run(string path)
    {
        if (!File.Exists(path))
        {
            return Directory.Exists(path)
                ? new([DoctorCheck.Fail(Name, $"{path} is a folder, not a file", "point --config or CONFIG_PATH at a file")], null)
                : new([DoctorCheck.Ok(Name, $"{path} does not exist yet; the gateway creates an empty one at its first start")], ProxyConfig.NewFile);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new([DoctorCheck.Fail(Name, $"{path} cannot be read: {ex.Message}", $"make it readable by the user that runs the gateway (chmod 600 {SecretFileChecks.Quoted(path)}, owned by that user)")], null);
        }

        // The same parse, rules and messages (file:line: what) as `config validate` and the gateway's start.
        ProxyConfig config;
        try
        {
            config = ConfigParser.Parse(bytes, path);
        }
        catch (ConfigFileException ex)
        {
            return new([DoctorCheck.Fail(Name, $"{path} is not a valid config", "fix the lines named above, or replace the file with `claude-proxy config import`") with
            {
                Notes = ex.Problems.Count > 0 ? ex.Problems : [ex.Message],
            }], null);
        }

        List<DoctorCheck> checks =
        [
            DoctorCheck.Ok(Name, $"{path}: valid; {config.Upstream.Count} channel(s), loadBalance {config.LoadBalance}") with { Notes = ConfigNotices.Lines(config) },
        ];
        if (SecretFileChecks.OthersCanAccess("config mode", path, "the upstream API keys") is { } exposed)
        {
            checks.Add(exposed);
        }

        return new(checks, config);
    }
}
