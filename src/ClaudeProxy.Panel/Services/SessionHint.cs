namespace ClaudeProxy.Panel.Services;

/// <summary>
/// Whether this browser signed in before (a flag, never the key). The session cookie is HttpOnly, so the
/// panel cannot see it; without the flag it opens the sign-in page at once instead of calling the API
/// for a 401 that would only be counted as a failed key check.
/// </summary>
public sealed class SessionHint(BrowserStorage storage)
{
    internal const string Key = "claudeProxy.signedIn";

    // What this page learned itself wins over what storage said at load.
    private bool? _known;

    public async Task<bool> LikelySignedInAsync() => _known ??= await storage.GetAsync(Key).ConfigureAwait(true) == "1";

    public ValueTask RememberAsync()
    {
        _known = true;
        return storage.SetAsync(Key, "1");
    }

    public ValueTask ForgetAsync()
    {
        _known = false;
        return storage.RemoveAsync(Key);
    }
}
