namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// Thought signatures remembered by the <c>tool_use</c> id the gateway minted for their
/// <c>functionCall</c>, for turns whose signature has no thinking block to travel in (no thought
/// text was asked for). Bounded in count and age, oldest first out; safe for concurrent requests.
/// A miss only costs the documented skip value on the next request.
/// </summary>
public sealed class ThoughtSignatureCache
{
    public const int DefaultCapacity = 2048;

    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(2);

    private readonly Dictionary<string, (string Signature, long StoredAt)> _byToolUseId = new(StringComparer.Ordinal);
    private readonly Queue<(string ToolUseId, long StoredAt)> _order = new();
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly TimeSpan _timeToLive;

    public ThoughtSignatureCache(TimeProvider time, int capacity = DefaultCapacity, TimeSpan? timeToLive = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _capacity = capacity;
        _timeToLive = timeToLive ?? DefaultTimeToLive;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byToolUseId.Count;
            }
        }
    }

    public void Remember(string toolUseId, string signature)
    {
        ArgumentNullException.ThrowIfNull(toolUseId);
        ArgumentNullException.ThrowIfNull(signature);
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            _byToolUseId[toolUseId] = (signature, now);
            _order.Enqueue((toolUseId, now));
            Evict(now);
        }
    }

    public bool TryRecall(string toolUseId, out string signature)
    {
        ArgumentNullException.ThrowIfNull(toolUseId);
        signature = "";
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (!_byToolUseId.TryGetValue(toolUseId, out var entry) || Expired(entry.StoredAt, now))
            {
                return false;
            }

            signature = entry.Signature;
            return true;
        }
    }

    private void Evict(long now)
    {
        while (_order.TryPeek(out var oldest) && (_byToolUseId.Count > _capacity || Expired(oldest.StoredAt, now) || IsStale(oldest)))
        {
            _order.Dequeue();
            if (!IsStale(oldest))
            {
                _byToolUseId.Remove(oldest.ToolUseId);
            }
        }
    }

    // A queue entry left behind when the same id was remembered again later.
    private bool IsStale((string ToolUseId, long StoredAt) entry) =>
        !_byToolUseId.TryGetValue(entry.ToolUseId, out var current) || current.StoredAt != entry.StoredAt;

    private bool Expired(long storedAt, long now) => _time.GetElapsedTime(storedAt, now) > _timeToLive;
}
