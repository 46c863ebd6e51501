using System.Security.Cryptography;
using System.Text;

namespace ClaudeProxy.Security;

/// <summary>
/// The proxy's one access key. Presented keys are compared in constant time: both sides are
/// hashed first so neither their content nor their length leaks through timing.
/// </summary>
public sealed class AccessKey
{
    private readonly byte[] _hash;

    public AccessKey(string value, AccessKeySource source, string? storedAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        Source = source;
        StoredAt = storedAt;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    public string Value { get; }

    public AccessKeySource Source { get; }

    /// <summary>The file a generated key is kept in.</summary>
    public string? StoredAt { get; }

    /// <summary>The first and last characters only, for banners and logs.</summary>
    public string Masked => SecretMask.Mask(Value);

    public bool Matches(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty)
        {
            return false;
        }

        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(presented.Length);
        Span<byte> utf8 = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var written = Encoding.UTF8.GetBytes(presented, utf8);
        SHA256.HashData(utf8[..written], presentedHash);
        return CryptographicOperations.FixedTimeEquals(presentedHash, _hash);
    }
}

public enum AccessKeySource
{
    /// <summary>From PROXY_ACCESS_KEY.</summary>
    Environment,

    /// <summary>Generated on this start and saved for the next ones.</summary>
    GeneratedNow,

    /// <summary>Generated on an earlier start and read back.</summary>
    Stored,
}
