namespace ClaudeProxy.Security;

/// <summary>Shows enough of a secret to tell keys apart, never enough to use one.</summary>
public static class SecretMask
{
    public static string Mask(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return "";
        }

        if (secret.Length <= 12)
        {
            return new string('*', secret.Length);
        }

        var visible = secret.Length >= 24 ? 6 : 3;
        return $"{secret[..visible]}…{secret[^4..]}";
    }

    /// <summary>True for the shapes <see cref="Mask"/> produces: "abc…wxyz", or asterisks only.</summary>
    public static bool IsMasked(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains('…', StringComparison.Ordinal) || (value.Length > 0 && value.All(c => c == '*'));
    }
}
