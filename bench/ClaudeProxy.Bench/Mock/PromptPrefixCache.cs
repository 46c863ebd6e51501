namespace ClaudeProxy.Bench.Mock;

/// <summary>One element boundary of a prompt: the hash of everything up to it, and its tokens so far.</summary>
internal readonly record struct PrefixBoundary(ulong Hash, long Tokens);

/// <summary>A prompt's input side split the way the upstreams bill it: uncached, read from the cache, written to it.</summary>
internal readonly record struct CacheUsage(long Input, long CacheRead, long CacheCreation)
{
    public long Total => Input + CacheRead + CacheCreation;
}

/// <summary>
/// The prompt cache of an upstream, one per API key, as the providers keep it: a request reads the
/// longest prefix this key has seen within the TTL (measured in element boundaries: tool, system
/// block, message) and writes the boundaries it asks to be cached. A hit refreshes the entry's TTL.
/// Prefixes under <see cref="MinimumTokens"/> are never cached (Anthropic's and OpenAI's minimum).
/// Bounded: at most <paramref name="maxKeys"/> keys are cached (later ones are answered uncached)
/// and <paramref name="maxEntriesPerKey"/> prefixes per key (expired ones go first, then the oldest).
/// </summary>
internal sealed class PromptPrefixCache(TimeSpan ttl, TimeProvider time, int maxKeys = 64, int maxEntriesPerKey = 100_000)
{
    public const int MinimumTokens = 1024;

    private readonly Dictionary<string, Dictionary<ulong, long>> _keys = new(StringComparer.Ordinal);

    /// <summary>
    /// Looks <paramref name="prompt"/> up in <paramref name="apiKey"/>'s cache and writes its
    /// boundaries up to index <paramref name="writeThrough"/> (−1: none). What lies after the read
    /// prefix and up to the last boundary written is the cache write; the rest is uncached input.
    /// </summary>
    public CacheUsage Use(string apiKey, IReadOnlyList<PrefixBoundary> prompt, int writeThrough)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(prompt);
        var total = prompt.Count == 0 ? 0 : prompt[^1].Tokens;
        var entries = EntriesOf(apiKey);
        if (entries is null)
        {
            return new CacheUsage(total, 0, 0);
        }

        var now = time.GetUtcNow().UtcTicks;
        var expires = now + ttl.Ticks;
        lock (entries)
        {
            long read = 0;
            for (var i = prompt.Count - 1; i >= 0; i--)
            {
                if (entries.TryGetValue(prompt[i].Hash, out var expiry) && expiry > now)
                {
                    read = prompt[i].Tokens;
                    entries[prompt[i].Hash] = expires;
                    break;
                }
            }

            long written = 0;
            for (var i = 0; i <= writeThrough && i < prompt.Count; i++)
            {
                if (prompt[i].Tokens >= MinimumTokens && prompt[i].Tokens > read)
                {
                    Add(entries, prompt[i].Hash, expires, now);
                    written = prompt[i].Tokens - read;
                }
            }

            return new CacheUsage(total - read - written, read, written);
        }
    }

    /// <summary>Forgets every key's prefixes.</summary>
    public void Clear()
    {
        lock (_keys)
        {
            _keys.Clear();
        }
    }

    private Dictionary<ulong, long>? EntriesOf(string apiKey)
    {
        lock (_keys)
        {
            if (!_keys.TryGetValue(apiKey, out var entries) && _keys.Count < maxKeys)
            {
                entries = [];
                _keys.Add(apiKey, entries);
            }

            return entries;
        }
    }

    private void Add(Dictionary<ulong, long> entries, ulong hash, long expires, long now)
    {
        if (entries.Count >= maxEntriesPerKey && !entries.ContainsKey(hash))
        {
            foreach (var (old, expiry) in entries)
            {
                if (expiry <= now)
                {
                    entries.Remove(old);
                }
            }

            if (entries.Count >= maxEntriesPerKey)
            {
                // Still full of live prefixes: drop the oldest quarter in one go rather than one per write.
                foreach (var old in entries.OrderBy(e => e.Value).Take(maxEntriesPerKey / 4).Select(e => e.Key).ToList())
                {
                    entries.Remove(old);
                }
            }
        }

        entries[hash] = expires;
    }
}
