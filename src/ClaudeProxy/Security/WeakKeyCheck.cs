using System.Collections.Frozen;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Security;

/// <summary>
/// Says why an access key is weak: shorter than <see cref="MinLength"/> characters, or a placeholder
/// from an example file (claude-proxy's <c>.env.example</c> ships <c>your-proxy-access-key</c>) or a
/// habit (<c>changeme</c>, <c>123456</c>). Such a key still works; the gateway warns at start.
/// </summary>
public static class WeakKeyCheck
{
    public const int MinLength = 16;

    private static readonly FrozenSet<string> Placeholders = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "your-proxy-access-key", "your-admin-access-key", "your-access-key", "your-secret-key", "your-api-key",
        "changeme", "change-me", "change_me", "changeit", "123456", "12345678", "123456789", "1234567890",
        "password", "passw0rd", "secret", "admin", "test", "default", "letmein", "qwerty", "sk-xxx", "xxx");

    /// <summary>Every warning about the keys in use, for the start-up banner and the log.</summary>
    public static IReadOnlyList<string> Warnings(GatewaySettings settings, GatewayKeys keys)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(keys);
        var warnings = new List<string>();
        if (settings.AccessKeyWasPlaceholder)
        {
            warnings.Add($"PROXY_ACCESS_KEY is claude-proxy's example value and is ignored; the gateway uses the key kept in {keys.Proxy.StoredAt}.");
        }

        if (keys.Proxy.Source == AccessKeySource.Environment && Problem(keys.Proxy.Value, "PROXY_ACCESS_KEY") is { } proxyProblem)
        {
            warnings.Add(proxyProblem);
        }

        if (keys.Admin is { } admin)
        {
            if (Problem(admin.Value, "ADMIN_ACCESS_KEY") is { } adminProblem)
            {
                warnings.Add(adminProblem);
            }

            if (string.Equals(admin.Value, keys.Proxy.Value, StringComparison.Ordinal))
            {
                warnings.Add("ADMIN_ACCESS_KEY equals the proxy key: every client key also opens the admin API.");
            }
        }

        return warnings;
    }

    /// <summary>The problem with <paramref name="key"/>, named after the <paramref name="setting"/> it came from; null when there is none.</summary>
    public static string? Problem(string key, string setting)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Placeholders.Contains(key.Trim()))
        {
            return $"{setting} is a well-known placeholder value: anyone can guess it. Set a long random value.";
        }

        return key.Length < MinLength
            ? $"{setting} is only {key.Length} characters long: use at least {MinLength} random characters."
            : null;
    }
}
