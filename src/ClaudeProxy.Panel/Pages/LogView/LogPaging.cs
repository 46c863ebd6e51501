namespace ClaudeProxy.Panel.Pages.LogView;

/// <summary>
/// Where the log view is along the API's cursor: the cursor of the page shown (null for the newest)
/// and the cursors of the pages before it, so "newer" goes back the way "older" came.
/// </summary>
public sealed class LogPaging
{
    private readonly Stack<long?> _newer = new();

    /// <summary>The <c>before</c> cursor of the page shown; null for the first (newest) page.</summary>
    public long? Current { get; private set; }

    /// <summary>The cursor of the next older page, from the page shown; null at the end of the log.</summary>
    public long? Next { get; set; }

    public bool HasNewer => _newer.Count > 0;

    public bool HasOlder => Next is not null;

    public int PageNumber => _newer.Count + 1;

    public void Older()
    {
        if (Next is not { } next)
        {
            return;
        }

        _newer.Push(Current);
        Current = next;
        Next = null;
    }

    public void Newer()
    {
        if (_newer.Count == 0)
        {
            return;
        }

        Current = _newer.Pop();
        Next = null;
    }

    /// <summary>Back to the newest page (the filters changed).</summary>
    public void Reset()
    {
        _newer.Clear();
        Current = null;
        Next = null;
    }
}
