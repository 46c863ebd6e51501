using System.Text;
using System.Text.RegularExpressions;

namespace ClaudeProxy.Security;

/// <summary>
/// The one place upstream text is cleaned before it reaches a client or a log: error bodies, error
/// events inside a 2xx stream, error messages of 2xx bodies, connection and ping failures. Upstreams
/// sometimes echo the key they were sent (whole, or a long prefix of it), and a relay in front of
/// one may echo others, so besides the attempt's own key every token shaped like a provider key
/// (<c>sk-…</c>, <c>AIza…</c>, a bearer token) is masked too.
/// </summary>
public static partial class SecretRedactor
{
    private const int MinSecretLength = 6;
    private const int MinEchoedPrefix = 12;
    private const int MaxEchoedPrefix = 16;

    public static string Redact(string text, string? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = text;
        if (!string.IsNullOrEmpty(secret) && secret.Length >= MinSecretLength)
        {
            redacted = redacted.Replace(secret, SecretMask.Mask(secret), StringComparison.Ordinal);
            var prefix = secret[..Math.Min(secret.Length, MaxEchoedPrefix)];
            if (prefix.Length >= MinEchoedPrefix)
            {
                redacted = redacted.Replace(prefix, SecretMask.Mask(secret), StringComparison.Ordinal);
            }
        }

        return KeyShaped().Replace(redacted, match => SecretMask.Mask(match.Value));
    }

    public static byte[] Redact(byte[] utf8, string? secret)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var text = Encoding.UTF8.GetString(utf8);
        var redacted = Redact(text, secret);
        return string.Equals(text, redacted, StringComparison.Ordinal) ? utf8 : Encoding.UTF8.GetBytes(redacted);
    }

    /// <summary>
    /// A relayed body: every occurrence of the key becomes asterisks of the same length, in place, and
    /// nothing else changes (a model's answer may legitimately hold key-shaped text).
    /// </summary>
    public static void Overwrite(Span<byte> utf8, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinSecretLength)
        {
            return;
        }

        ReadOnlySpan<byte> key = Encoding.UTF8.GetBytes(secret);
        for (var at = utf8.IndexOf(key); at >= 0; at = utf8.IndexOf(key))
        {
            utf8.Slice(at, key.Length).Fill((byte)'*');
        }
    }

    /// <summary>Upstream response headers copied to a client: the key, wherever a value holds it, becomes asterisks (headers are ASCII).</summary>
    public static void Redact(IHeaderDictionary headers, string? secret)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (string.IsNullOrEmpty(secret) || secret.Length < MinSecretLength)
        {
            return;
        }

        var stars = new string('*', secret.Length);
        foreach (var (name, values) in headers.ToList())
        {
            var cleaned = values.Select(v => v?.Replace(secret, stars, StringComparison.Ordinal)).ToArray();
            if (!cleaned.SequenceEqual(values, StringComparer.Ordinal))
            {
                headers[name] = cleaned;
            }
        }
    }

    // Anthropic (sk-ant-…), OpenAI-style (sk-…, sk-proj-…), Google (AIza…) keys, and bearer tokens.
    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{16,}|\bAIza[0-9A-Za-z_\-]{30,}|(?<=\b[Bb]earer\s+)[A-Za-z0-9._~+/\-]{16,}=*", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShaped();
}
