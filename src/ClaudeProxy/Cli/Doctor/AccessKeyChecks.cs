using ClaudeProxy.Configuration;
using ClaudeProxy.Security;

namespace ClaudeProxy.Cli.Doctor;

/// <summary>
/// The key clients present: PROXY_ACCESS_KEY, or else the <c>access-key</c> file beside the config, which the
/// gateway generates (owner-only) at its first start; and ADMIN_ACCESS_KEY when set. Keys are judged, never shown.
/// </summary>
internal static class AccessKeyChecks
{
    public const string Name = "access key";

    public static IReadOnlyList<DoctorCheck> Run(Func<string, string?> variables, string configPath)
    {
        var checks = new List<DoctorCheck>();
        var configured = variables("PROXY_ACCESS_KEY")?.Trim();
        if (!string.IsNullOrEmpty(configured) && configured != GatewaySettingsReader.SeedPlaceholderKey)
        {
            checks.Add(WeakKeyCheck.Problem(configured, "PROXY_ACCESS_KEY") is { } weak
                ? DoctorCheck.Warn(Name, weak, "set PROXY_ACCESS_KEY to a value from `claude-proxy key generate`")
                : DoctorCheck.Ok(Name, "PROXY_ACCESS_KEY is set (the key file is not used)"));
        }
        else
        {
            var path = Path.Combine(Path.GetDirectoryName(configPath) ?? ".", AccessKeyProvider.FileName);
            if (configured == GatewaySettingsReader.SeedPlaceholderKey)
            {
                checks.Add(DoctorCheck.Warn("PROXY_ACCESS_KEY", $"PROXY_ACCESS_KEY is claude-proxy's example value and is ignored; the gateway uses {path}",
                    "remove PROXY_ACCESS_KEY, or set it to a value from `claude-proxy key generate`"));
            }

            checks.Add(KeyFile(path));
        }

        var admin = variables("ADMIN_ACCESS_KEY")?.Trim();
        if (!string.IsNullOrEmpty(admin))
        {
            checks.Add(WeakKeyCheck.Problem(admin, "ADMIN_ACCESS_KEY") is { } weak
                ? DoctorCheck.Warn("admin key", weak, "set ADMIN_ACCESS_KEY to a value from `claude-proxy key generate`")
                : DoctorCheck.Ok("admin key", "ADMIN_ACCESS_KEY is set: only it opens the admin API and the web panel"));
        }

        return checks;
    }

    private static DoctorCheck KeyFile(string path)
    {
        if (!File.Exists(path))
        {
            return DoctorCheck.Ok(Name, $"{path} does not exist yet; the gateway generates a key there at its first start (or set PROXY_ACCESS_KEY)");
        }

        string stored;
        try
        {
            stored = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The gateway would stop at start on this very read.
            return DoctorCheck.Fail(Name, $"{path} cannot be read: {ex.Message}",
                $"give it to the user that runs the gateway and chmod 600 {SecretFileChecks.Quoted(path)}, or set PROXY_ACCESS_KEY");
        }

        return stored.Length == 0
            ? DoctorCheck.Warn(Name, $"{path} is empty; the gateway writes a new key into it at its next start", "start the gateway once, or put a key from `claude-proxy key generate` in it")
            : SecretFileChecks.OthersCanAccess(Name, path, "the key clients present") ?? DoctorCheck.Ok(Name, $"{path} holds a key{(OperatingSystem.IsWindows() ? "" : ", readable by its owner only")}");
    }
}
