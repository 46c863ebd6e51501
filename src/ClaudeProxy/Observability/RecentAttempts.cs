
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Observability;

/// <summary>The most recent attempt records, newest last, in a fixed-size ring (for the admin API and panel).</summary>
public sealed class RecentAttempts : IAttemptObserver
{
    public const int Capacity = 1000;

    private readonly AttemptRecord?[] _ring = new AttemptRecord?[Capacity];
    private readonly Lock _gate = new();
    private long _count;

    public void OnAttempt(AttemptRecord record)
    {
        lock (_gate)
        {
            _ring[_count % Capacity] = record;
            _count++;
        }
    }

    public IReadOnlyList<AttemptRecord> Snapshot()
    {
        lock (_gate)
        {
            var size = (int)Math.Min(_count, Capacity);
            var result = new List<AttemptRecord>(size);
            for (var i = _count - size; i < _count; i++)
            {
                result.Add(_ring[i % Capacity]!);
            }

            return result;
        }
    }
}
