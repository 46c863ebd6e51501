namespace ClaudeProxy.Bench.Mock;

/// <summary>What one API key was billed for at the caching mock: requests and tokens by kind.</summary>
internal sealed record KeyTally(string Key, long Requests, long InputTokens, long CacheReadTokens, long CacheCreationTokens, long OutputTokens);

/// <summary>Per-key totals of the caching mock, for the bench to read after a run (it sees which key served what).</summary>
internal sealed class KeyTallies
{
    private readonly Dictionary<string, KeyTally> _byKey = new(StringComparer.Ordinal);

    public void Add(string key, CacheUsage usage, long outputTokens)
    {
        lock (_byKey)
        {
            var tally = _byKey.GetValueOrDefault(key) ?? new KeyTally(key, 0, 0, 0, 0, 0);
            _byKey[key] = tally with
            {
                Requests = tally.Requests + 1,
                InputTokens = tally.InputTokens + usage.Input,
                CacheReadTokens = tally.CacheReadTokens + usage.CacheRead,
                CacheCreationTokens = tally.CacheCreationTokens + usage.CacheCreation,
                OutputTokens = tally.OutputTokens + outputTokens,
            };
        }
    }

    public IReadOnlyList<KeyTally> Snapshot()
    {
        lock (_byKey)
        {
            return [.. _byKey.Values.OrderBy(t => t.Key, StringComparer.Ordinal)];
        }
    }

    public void Clear()
    {
        lock (_byKey)
        {
            _byKey.Clear();
        }
    }
}
