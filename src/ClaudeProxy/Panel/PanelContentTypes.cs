namespace ClaudeProxy.Panel;

/// <summary>The Content-Type of each kind of file a Blazor WebAssembly publish emits.</summary>
public static class PanelContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".map"] = "application/json; charset=utf-8",
        [".wasm"] = "application/wasm",
        [".dat"] = "application/octet-stream",
        [".dll"] = "application/octet-stream",
        [".webcil"] = "application/octet-stream",
        [".pdb"] = "application/octet-stream",
        [".blat"] = "application/octet-stream",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".webp"] = "image/webp",
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
        [".ttf"] = "font/ttf",
        [".txt"] = "text/plain; charset=utf-8",
        [".webmanifest"] = "application/manifest+json",
    };

    /// <summary>The type for <paramref name="path"/>; null for a kind of file the panel does not serve.</summary>
    public static string? For(string path) => ByExtension.GetValueOrDefault(Path.GetExtension(path));
}
