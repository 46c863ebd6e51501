using ClaudeProxy.Configuration;

namespace ClaudeProxy.Security;

/// <summary>
/// Decides the access key: PROXY_ACCESS_KEY when set, otherwise a strong key generated on the
/// first start and kept (owner-readable only) beside the config file, so restarts keep it.
/// </summary>
public static class AccessKeyProvider
{
    public const string FileName = "access-key";

    public static AccessKey Resolve(string? configured, string configDirectory)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return new AccessKey(configured, AccessKeySource.Environment);
        }

        var path = Path.Combine(configDirectory, FileName);
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            if (stored.Length > 0)
            {
                return new AccessKey(stored, AccessKeySource.Stored, path);
            }
        }

        var generated = Generate();
        Directory.CreateDirectory(configDirectory);
        using (var stream = OwnerOnlyFile.Create(path, FileMode.Create))
        {
            using var writer = new StreamWriter(stream);
            writer.WriteLine(generated);
        }

        return new AccessKey(generated, AccessKeySource.GeneratedNow, path);
    }

    /// <summary>A new key: "cpk-" and 43 base62 characters (about 256 bits).</summary>
    public static string Generate() => "cpk-" + RandomTokens.Base62String(43);
}
