using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;

namespace ClaudeProxy.Panel;

/// <summary>
/// The panel files the build embedded in the gateway's assembly as <c>panel/&lt;path&gt;</c> resources
/// (see ClaudeProxy.csproj). They are read from the mapped binary, never copied to disk.
/// </summary>
public sealed class EmbeddedPanelFiles : IPanelFiles
{
    private const string Prefix = "panel/";

    private readonly Assembly _assembly;
    private readonly Dictionary<string, string> _resources;
    private readonly ConcurrentDictionary<string, PanelFile> _files = new(StringComparer.Ordinal);

    public EmbeddedPanelFiles(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _assembly = assembly;
        _resources = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(name => name[Prefix.Length..], StringComparer.Ordinal);
    }

    /// <summary>Whether this binary was built with the panel (an <c>EmbedPanel=false</c> build has none).</summary>
    public bool IsEmpty => _resources.Count == 0;

    public PanelFile? Find(string path) =>
        _resources.TryGetValue(path, out var resource) ? _files.GetOrAdd(path, Load, resource) : null;

    public bool Contains(string path) => _resources.ContainsKey(path);

    private PanelFile Load(string path, string resource)
    {
        using var stream = Open(resource);
        // The bytes never change while the binary runs: a content hash is the right strong ETag.
        var hash = SHA256.HashData(stream);
        return new PanelFile(path, stream.Length, $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"", () => Open(resource));
    }

    private Stream Open(string resource) =>
        _assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"The embedded panel file {resource} is missing.");
}
