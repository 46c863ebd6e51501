using System.Security.Cryptography;

namespace ClaudeProxy.Security;

/// <summary>Unguessable identifiers and secrets from the OS's cryptographic random source.</summary>
public static class RandomTokens
{
    /// <summary>The 62 characters of the base62 tokens, for ids that need the same look without the cryptographic source.</summary>
    public const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string LowerAlphanumeric = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary><paramref name="length"/> base62 characters (~5.95 bits each).</summary>
    public static string Base62String(int length) => RandomNumberGenerator.GetString(Base62, length);

    public static string LowerAlphanumericString(int length) => RandomNumberGenerator.GetString(LowerAlphanumeric, length);
}
