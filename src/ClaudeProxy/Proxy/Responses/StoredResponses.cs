namespace ClaudeProxy.Proxy.Responses;

/// <summary>
/// The conversations of answered <c>/v1/responses</c> requests sent with <c>store</c>, by response id, so
/// that a later request can name one in <c>previous_response_id</c> and send only what is new. Each entry
/// is the whole conversation as Responses items (a JSON array), kept for a time to live and within a
/// memory bound, the oldest dropped first: a client that needs longer sends its history itself, as Codex does.
/// <para>
/// With a <see cref="ISharedResponses"/> (REDIS_URL set) a conversation is also written there and a local miss
/// is looked up there, so a conversation started on one instance continues on another. The write is awaited,
/// briefly, before the answer's end reaches the client (<see cref="PutAsync"/>): a client that sends the next
/// turn at once, to whichever instance, then finds it. Retrying a read on the other side instead would only
/// guess how long the write takes, and would slow down every lookup of an id that is really unknown.
/// </para>
/// </summary>
public sealed class StoredResponses
{
    private readonly TimeSpan _ttl;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly ISharedResponses? _shared;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _oldestFirst = new();
    private long _bytes;

    public StoredResponses(TimeSpan ttl, long maxBytes, TimeProvider time, ISharedResponses? shared = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentNullException.ThrowIfNull(time);
        _ttl = ttl;
        _maxBytes = maxBytes;
        _time = time;
        _shared = shared;
    }

    /// <summary>How long an answer's end waits for the shared write; a slower store makes the conversation this instance's alone.</summary>
    public static TimeSpan SharedWriteWait { get; } = TimeSpan.FromMilliseconds(250);

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
        Keep(id, items, _ttl);
    }

    /// <summary>
    /// <see cref="Put"/>, and with a shared store the write there, awaited for at most <see cref="SharedWriteWait"/>
    /// so that the other instances can read the conversation by the time the client learns its response id.
    /// </summary>
    public async Task PutAsync(string id, byte[] items)
    {
        Put(id, items);
        if (_shared is null || items.LongLength > _maxBytes)
        {
            return;
        }

        try
        {
            await _shared.WriteAsync(id, items, _ttl).WaitAsync(SharedWriteWait, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The write goes on in the background; only a next turn sent elsewhere at once can miss it.
        }
    }

    /// <summary><see cref="Get"/>, and on a miss the shared store's copy, kept here for what is left of its time to live.</summary>
    public async ValueTask<byte[]?> GetAsync(string id)
    {
        if (Get(id) is { } local)
        {
            return local;
        }

        if (_shared is null || await _shared.ReadAsync(id).ConfigureAwait(false) is not { } shared)
        {
            return null;
        }

        Keep(id, shared.Items, shared.Left);
        return shared.Items;
    }

    private void Keep(string id, byte[] items, TimeSpan ttl)
    {
        if (items.LongLength > _maxBytes)
        {
            return;
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Remove(id);
            _byId[id] = _oldestFirst.AddLast(new Entry(id, items, now + ttl));
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
