using System.Security.Cryptography;
using System.Text;

namespace ClaudeProxy.Routing.Health;

/// <summary>
/// A key's name among instances: the first 96 bits of its SHA-256, in hex. Shared state holds this, never the key,
/// and each instance finds the key again among its channel's own keys.
/// </summary>
public static class KeyFingerprint
{
    public static string Of(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiKey), hash);
        return Convert.ToHexStringLower(hash[..12]);
    }

    /// <summary>The channel's key with this fingerprint, or null when this instance's config has no such key.</summary>
    public static string? Find(IReadOnlyList<string> apiKeys, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(apiKeys);
        foreach (var key in apiKeys)
        {
            if (string.Equals(Of(key), fingerprint, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }
}
