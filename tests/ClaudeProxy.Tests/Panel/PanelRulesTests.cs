using ClaudeProxy.Panel;
using Xunit;

namespace ClaudeProxy.Tests.Panel;

/// <summary>The small rules behind panel serving: which encoding, how long to cache, what the CSP allows.</summary>
public sealed class PanelRulesTests
{
    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0.5", "gzip")]
    [InlineData("*", "br")]
    [InlineData("*, br;q=0", "gzip")]
    [InlineData("identity", null)]
    [InlineData("", null)]
    public void The_best_acceptable_precompressed_encoding_is_chosen(string acceptEncoding, string? expected) =>
        Assert.Equal(expected, ContentEncodingChoice.Acceptable(acceptEncoding).Select(e => e.Encoding).FirstOrDefault());

    [Theory]
    [InlineData("_framework/dotnet.native.b6l13xorvf.wasm", PanelCaching.Forever)]
    [InlineData("_framework/blazor.webassembly.w3qd1tpl0e.js", PanelCaching.Forever)]
    [InlineData("index.html", PanelCaching.Revalidate)]
    [InlineData("css/app.css", PanelCaching.Revalidate)]
    [InlineData("_content/MudBlazor/MudBlazor.min.js", PanelCaching.Revalidate)]
    [InlineData("_framework/dotnet.js", PanelCaching.Revalidate)]
    public void Only_fingerprinted_framework_files_are_cached_for_good(string path, string expected) =>
        Assert.Equal(expected, PanelCaching.For(path));

    [Fact]
    public void The_policy_allows_the_import_map_by_its_hash_and_no_other_inline_script()
    {
        var policy = PanelSecurityHeaders.PolicyFor("""<script type="importmap">{"imports":{}}</script><script src="x.js"></script>""");

        // sha256 of {"imports":{}} in base64.
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("""{"imports":{}}"""u8));
        Assert.Contains($"script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';", policy, StringComparison.Ordinal);
        var scriptSrc = policy.Split(';').Single(directive => directive.Trim().StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }
}
