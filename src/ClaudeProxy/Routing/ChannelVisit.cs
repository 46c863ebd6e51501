using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Routing;

/// <summary>
/// One plan's way through one channel: its base URLs in the order the rotation gave when the plan entered
/// it, the URL being tried, the keys tried on each, and the keys whose last failure was their URL's fault.
/// </summary>
internal sealed class ChannelVisit(IReadOnlyList<int> order)
{
    private readonly HashSet<(int Url, int Key)> _tried = [];
    private readonly HashSet<int> _triedKeys = [];
    private readonly HashSet<int> _failedByUrl = [];
    private int _position;

    /// <summary>The URL to try first: where a last-resort attempt goes.</summary>
    public int FirstUrl => order[0];

    /// <summary>The URL whose keys are being tried, or null once every URL has had its turn.</summary>
    public int? CurrentUrl => _position < order.Count ? order[_position] : null;

    public void NextUrl() => _position++;

    public bool HasTried(int url, int key) => _tried.Contains((url, key));

    /// <summary>Whether the key was tried on any of the channel's URLs.</summary>
    public bool HasTried(int key) => _triedKeys.Contains(key);

    /// <summary>
    /// Whether the key's last failure in this request was its URL's (a server error, no connection, no answer in
    /// time): its health rests it, but the channel's next URL may well serve it.
    /// </summary>
    public bool FailedByUrl(int key) => _failedByUrl.Contains(key);

    public void Sent(int url, int key)
    {
        _tried.Add((url, key));
        _triedKeys.Add(key);
    }

    public void Failed(int key, FailureKind kind)
    {
        if (kind.IsEndpointFault())
        {
            _failedByUrl.Add(key);
        }
        else
        {
            _failedByUrl.Remove(key);
        }
    }
}
