namespace ClaudeProxy.Panel.Services;

/// <summary>
/// Whether this browser signed in before (a flag, never the key). The session cookie is HttpOnly, so the
/// panel cannot see it; without the flag it opens the sign-in page at once instead of calling the API
/// for a 401 that would only be counted as a failed key check.
/// </summary>
public sealed class SessionHint(BrowserStorage storage)
{
    internal const string Key = "claudeProxy.signedIn";

    public async Task<bool> LikelySignedInAsync() => await storage.GetAsync(Key).ConfigureAwait(true) == "1";

    public ValueTask RememberAsync() => storage.SetAsync(Key, "1");

    public ValueTask ForgetAsync() => storage.RemoveAsync(Key);
}
