using System.Text.RegularExpressions;

namespace ClaudeProxy.Panel;

/// <summary>
/// How long a browser may keep a panel file. Publish fingerprints the framework files
/// (<c>_framework/dotnet.native.b6l13xorvf.wasm</c>) and index.html's import map names those fingerprints,
/// so they may be kept forever; everything else, index.html above all, is revalidated by ETag on each load.
/// </summary>
public static partial class PanelCaching
{
    public const string Revalidate = "no-cache";
    public const string Forever = "public, max-age=31536000, immutable";

    public static string For(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith("_framework/", StringComparison.Ordinal) && Fingerprinted().IsMatch(path) ? Forever : Revalidate;
    }

    // name.<fingerprint>.ext, where the fingerprint is publish's 10-character lower-case base-36 hash.
    [GeneratedRegex(@"\.[a-z0-9]{10}\.[a-z0-9]+$")]
    private static partial Regex Fingerprinted();
}
