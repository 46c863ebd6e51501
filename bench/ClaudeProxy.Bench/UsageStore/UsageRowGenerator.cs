using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Bench.UsageStore;

/// <summary>
/// Deterministic request log rows spread evenly over the last 30 days: 6 channels, 24 keys, 8 models,
/// ~95 % successes (the rest 429, 500, 529), realistic token counts, 1–3 attempts, and an unpriced model.
/// </summary>
internal sealed class UsageRowGenerator(DateTimeOffset now, int rows)
{
    public static readonly string[] Channels = ["anthropic-main", "anthropic-backup", "openai", "gemini", "relay-a", "relay-b"];
    public static readonly string[] Models = ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5", "gpt-5", "gpt-5-mini", "gemini-2.5-pro", "gemini-2.5-flash", "local-model"];

    private ulong _state = 0x9E3779B97F4A7C15;
    private int _index;

    public IEnumerable<RequestLogEntry> Batch(int size)
    {
        var step = TimeSpan.FromDays(30).Ticks / rows;
        var start = now - TimeSpan.FromDays(30);
        for (var i = 0; i < size && _index < rows; i++, _index++)
        {
            var channel = (int)(Next() % (ulong)Channels.Length);
            var model = (int)(Next() % (ulong)Models.Length);
            var roll = Next() % 1000;
            var (status, error) = roll switch
            {
                < 30 => (429, "rate_limit_error"),
                < 40 => (500, "api_error"),
                < 45 => (529, "overloaded_error"),
                _ => (200, (string?)null),
            };
            var key = $"sk-{channel}…{Next() % 4:D4}";
            var input = (long)(Next() % 4000);
            var cacheRead = (long)(Next() % 60_000);
            var latency = 200 + (double)(Next() % 20_000);
            var attempts = 1 + (int)(Next() % 3);
            yield return new RequestLogEntry
            {
                Time = start + TimeSpan.FromTicks(step * _index),
                RequestId = $"req_{_index:x12}",
                Path = "/v1/messages",
                Model = Models[model],
                MappedModel = Models[model],
                Channel = Channels[channel],
                ChannelId = $"ch_{channel}",
                ServiceType = channel < 2 ? "claude" : channel == 2 ? "openai" : "gemini",
                Key = key,
                Status = status,
                ErrorType = error,
                ErrorMessage = error is null ? null : "Upstream answered " + status,
                Stream = roll % 2 == 0,
                LatencyMs = latency,
                TtfbMs = status == 200 ? latency / 10.0 : null,
                InputTokens = input,
                OutputTokens = (long)(Next() % 2000),
                CacheReadTokens = cacheRead,
                CacheCreationTokens = (long)(Next() % 2000),
                CostUsd = model == Models.Length - 1 ? null : (input * 3 + cacheRead * 0.3) / 1_000_000,
                Attempts = [.. Enumerable.Range(0, attempts).Select(a => new AttemptLogEntry(Channels[channel], key, a == attempts - 1 ? status : 429, a == attempts - 1 ? error : "rate_limit_error", latency / attempts))],
            };
        }
    }

    private ulong Next()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return _state;
    }
}
