using System.Threading.Channels;

namespace ClaudeProxy.Fleet;

/// <summary>
/// A bounded queue of writes to Redis, sent in order by one reader: the code that adds to it never waits for Redis,
/// and when Redis cannot keep up the oldest writes are dropped, so a slow or absent Redis costs a bounded amount of memory.
/// </summary>
internal sealed class RedisOutbox<T>
{
    private readonly Channel<T> _queue;

    /// <param name="capacity">The most writes kept waiting.</param>
    /// <param name="dropped">Told of each write dropped to make room, so that whoever waits on it stops waiting.</param>
    public RedisOutbox(int capacity, Action<T>? dropped = null) =>
        _queue = Channel.CreateBounded(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }, dropped);

    public bool TryAdd(T item) => _queue.Writer.TryWrite(item);

    /// <summary>Sends the queued writes one at a time with <paramref name="send"/> (which handles Redis's failures itself) until <paramref name="stoppingToken"/> fires.</summary>
    public async Task DrainAsync(Func<T, Task> send, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await send(item).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
