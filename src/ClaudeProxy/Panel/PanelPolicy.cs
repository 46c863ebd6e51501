using System.Text;

namespace ClaudeProxy.Panel;

/// <summary>
/// The Content-Security-Policy for the index.html being served, worked out again only when that file
/// changes (a new publish in PANEL_DIR); the embedded panel's is worked out once.
/// </summary>
public sealed class PanelPolicy(IPanelFiles files)
{
    // One reference, swapped whole, so concurrent requests never see half an update.
    private volatile CachedPolicy? _cached;

    public string Current()
    {
        var index = files.Find(PanelMiddleware.IndexFile);
        if (index is null)
        {
            return PanelSecurityHeaders.PolicyFor("");
        }

        if (_cached is { } cached && cached.ETag == index.ETag)
        {
            return cached.Policy;
        }

        using var stream = index.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var policy = PanelSecurityHeaders.PolicyFor(reader.ReadToEnd());
        _cached = new CachedPolicy(index.ETag, policy);
        return policy;
    }

    private sealed record CachedPolicy(string ETag, string Policy);
}
