using System.Runtime.CompilerServices;
using System.Text;

namespace ClaudeProxy.Security;

/// <summary>
/// The proxy's one access key. A presented key is compared in constant time: every byte of the
/// real key is visited whatever the presented key holds, so timing reveals neither its content nor
/// how much of it matched.
/// </summary>
public sealed class AccessKey
{
    private readonly byte[] _utf8;

    public AccessKey(string value, AccessKeySource source, string? storedAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        Source = source;
        StoredAt = storedAt;
        _utf8 = Encoding.UTF8.GetBytes(value);
    }

    public string Value { get; }

    public AccessKeySource Source { get; }

    /// <summary>The file a generated key is kept in.</summary>
    public string? StoredAt { get; }

    /// <summary>The first and last characters only, for banners and logs.</summary>
    public string Masked => SecretMask.Mask(Value);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public bool Matches(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty)
        {
            return false;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(presented.Length);
        Span<byte> buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var candidate = buffer[..Encoding.UTF8.GetBytes(presented, buffer)];

        // No early exit: the loop always runs over the whole real key.
        var difference = _utf8.Length ^ candidate.Length;
        for (var i = 0; i < _utf8.Length; i++)
        {
            difference |= _utf8[i] ^ (i < candidate.Length ? candidate[i] : 0);
        }

        return difference == 0;
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
