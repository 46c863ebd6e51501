namespace ClaudeProxy.Security;

/// <summary>Removes a known secret from text that came from elsewhere (upstream error messages sometimes echo the key).</summary>
public static class SecretRedactor
{
    public static string Redact(string text, string? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(secret) || secret.Length < 6)
        {
            return text;
        }

        var redacted = text.Replace(secret, SecretMask.Mask(secret), StringComparison.Ordinal);
        // Some upstreams echo a prefix of the key ("sk-abc123…"); a long enough prefix is as telling.
        var prefix = secret[..Math.Min(secret.Length, 16)];
        return prefix.Length >= 12 ? redacted.Replace(prefix, SecretMask.Mask(secret), StringComparison.Ordinal) : redacted;
    }

    public static byte[] Redact(byte[] utf8, string? secret)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        if (string.IsNullOrEmpty(secret) || secret.Length < 6)
        {
            return utf8;
        }

        var text = System.Text.Encoding.UTF8.GetString(utf8);
        var redacted = Redact(text, secret);
        return ReferenceEquals(text, redacted) || text == redacted ? utf8 : System.Text.Encoding.UTF8.GetBytes(redacted);
    }
}
