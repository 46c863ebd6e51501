namespace ClaudeProxy.Proxy.Responses;

/// <summary>
/// The conversations of answered <c>/v1/responses</c> requests sent with <c>store</c>, by response id, so
/// that a later request can name one in <c>previous_response_id</c> and send only what is new. Each entry
/// is the whole conversation as Responses items (a JSON array), kept for a time to live and within a
/// memory bound, the oldest dropped first: a client that needs longer sends its history itself, as Codex does.
/// </summary>
public sealed class StoredResponses
{
    private readonly TimeSpan _ttl;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _oldestFirst = new();
    private long _bytes;

    public StoredResponses(TimeSpan ttl, long maxBytes, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentNullException.ThrowIfNull(time);
        _ttl = ttl;
        _maxBytes = maxBytes;
        _time = time;
    }

    /// <summary>How many conversations are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Keeps <paramref name="items"/> as the conversation that response <paramref name="id"/> ended; one larger than the bound is not kept.</summary>
    public void Put(string id, byte[] items)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(items);
        if (items.LongLength > _maxBytes)
        {
            return;
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Remove(id);
            _byId[id] = _oldestFirst.AddLast(new Entry(id, items, now + _ttl));
            _bytes += items.LongLength;
            while (_bytes > _maxBytes || _oldestFirst.First!.Value.Expires <= now)
            {
                Remove(_oldestFirst.First!.Value.Id);
            }
        }
    }

    /// <summary>The conversation response <paramref name="id"/> ended, or null when it is unknown or has expired.</summary>
    public byte[]? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var node))
            {
                return null;
            }

            if (node.Value.Expires <= _time.GetUtcNow())
            {
                Remove(id);
                return null;
            }

            return node.Value.Items;
        }
    }

    private void Remove(string id)
    {
        if (_byId.Remove(id, out var node))
        {
            _oldestFirst.Remove(node);
            _bytes -= node.Value.Items.LongLength;
        }
    }

    private sealed record Entry(string Id, byte[] Items, DateTimeOffset Expires);
}
