namespace ClaudeProxy.Configuration;

/// <summary>Server addresses (<c>redis://</c>, <c>postgres://</c>) as they may be shown: without the password they carry.</summary>
public static class ConnectionAddress
{
    /// <summary>The address with any password in its user part replaced by <c>***</c>; text that is no address comes back as <c>***</c> whole if it has an '@'.</summary>
    public static string Redact(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        var at = address.LastIndexOf('@');
        if (at < 0)
        {
            return address;
        }

        if (schemeEnd < 0 || at < schemeEnd)
        {
            return "***";
        }

        var userStart = schemeEnd + 3;
        var colon = address.IndexOf(':', userStart, at - userStart);
        return colon < 0
            ? address
            : string.Concat(address.AsSpan(0, colon + 1), "***", address.AsSpan(at));
    }
}
