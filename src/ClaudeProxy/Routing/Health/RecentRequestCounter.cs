namespace ClaudeProxy.Routing.Health;

/// <summary>
/// Requests of the last 15 minutes in one-minute buckets: constant memory and O(1) per request, at the
/// price of minute granularity (the oldest minute leaves whole). Guarded by its channel's lock.
/// </summary>
internal sealed class RecentRequestCounter
{
    public const int Minutes = 15;

    private readonly long[] _minute = new long[Minutes];
    private readonly int[] _count = new int[Minutes];

    public void Add(DateTimeOffset now)
    {
        var minute = MinuteOf(now);
        var slot = (int)(minute % Minutes);
        if (_minute[slot] != minute)
        {
            // The slot last counted a minute that has left the window.
            _minute[slot] = minute;
            _count[slot] = 0;
        }

        _count[slot]++;
    }

    /// <summary>Requests counted in this minute and the 14 before it.</summary>
    public int Count(DateTimeOffset now)
    {
        var current = MinuteOf(now);
        var total = 0;
        for (var i = 0; i < Minutes; i++)
        {
            if (_minute[i] > current - Minutes && _minute[i] <= current)
            {
                total += _count[i];
            }
        }

        return total;
    }

    private static long MinuteOf(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerMinute;
}
