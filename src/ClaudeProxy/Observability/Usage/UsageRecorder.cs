using System.Threading.Channels;

namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// The bounded queue between the request path and <see cref="UsageWriter"/>. <see cref="Record"/> never
/// waits: when the queue is full the oldest entry makes room and is counted as dropped.
/// </summary>
public sealed class UsageRecorder : IUsageRecorder
{
    public const int DefaultCapacity = 10_000;

    private readonly Channel<RequestLogEntry> _queue;
    private long _dropped;
    private long _recorded;

    public UsageRecorder(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        // The callback runs inside Write for each entry pushed out, so the count is exact.
        _queue = Channel.CreateBounded<RequestLogEntry>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                // The writer loop and its final drain at stop may both read.
                SingleReader = false,
                SingleWriter = false,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Entries handed to <see cref="Record"/> since start, dropped ones included.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    internal ChannelReader<RequestLogEntry> Reader => _queue.Reader;

    public void Record(RequestLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Interlocked.Increment(ref _recorded);
        // A bounded DropOldest channel always accepts; it refuses only once completed (shutdown), and
        // an entry arriving after the last flush is dropped like any other the store could not take.
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>No more entries are taken; the writer drains what is queued and stops.</summary>
    internal void Complete() => _queue.Writer.TryComplete();
}
