namespace ClaudeProxy.FakeUpstreams.Fuzzing;

/// <summary>Random numbers drawn up front by a generator and spent one by one on a mutator's choices.</summary>
public sealed class DecisionTape(uint[] values)
{
    private int _position;

    /// <summary>A number in [0, <paramref name="bound"/>).</summary>
    public int Next(int bound) => bound <= 1 ? 0 : (int)(values[_position++ % values.Length] % (uint)bound);

    /// <summary>True about once in <paramref name="odds"/>.</summary>
    public bool OneIn(int odds) => Next(odds) == 0;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
