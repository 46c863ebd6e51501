using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ClaudeProxy.Panel;

/// <summary>
/// The headers every panel response carries. The Content-Security-Policy lets in only the gateway's own
/// scripts, WebAssembly compilation (<c>'wasm-unsafe-eval'</c>, which Blazor needs) and the one inline
/// script publish writes, index.html's import map, by its hash. MudBlazor sets inline styles, hence
/// <c>style-src 'unsafe-inline'</c>.
/// </summary>
public static partial class PanelSecurityHeaders
{
    public static void Apply(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    /// <summary>The policy for a panel whose index.html is <paramref name="indexHtml"/> (its inline scripts are allowed by hash).</summary>
    public static string PolicyFor(string indexHtml)
    {
        ArgumentNullException.ThrowIfNull(indexHtml);
        var hashes = new StringBuilder();
        foreach (Match script in InlineScript().Matches(indexHtml))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(script.Groups["body"].Value));
            hashes.Append(" 'sha256-").Append(Convert.ToBase64String(hash)).Append('\'');
        }

        return "default-src 'self'; "
            + $"script-src 'self' 'wasm-unsafe-eval'{hashes}; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    // A <script> element with a body (the import map); the ones with src= are empty and need no hash.
    [GeneratedRegex(@"<script\b[^>]*>(?<body>[^<]+)</script>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
