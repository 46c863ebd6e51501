namespace ClaudeProxy.Observability.Usage;

/// <summary>Running sums of one stats group, and its latencies kept for the percentiles.</summary>
internal sealed class UsageAccumulator
{
    private readonly List<double> _latencies = [];
    private readonly List<double> _ttfbs = [];
    private long _requests;
    private long _errors;
    private long _input;
    private long _output;
    private long _cacheRead;
    private long _cacheCreation;
    private double _cost;
    private bool _hasCost;

    public long Requests => _requests;

    public void Add(int status, double latencyMs, double? ttfbMs, long input, long output, long cacheRead, long cacheCreation, double? cost)
    {
        _requests++;
        if (!IsSuccess(status))
        {
            _errors++;
        }

        _latencies.Add(latencyMs);
        if (ttfbMs is { } ttfb)
        {
            _ttfbs.Add(ttfb);
        }

        _input += input;
        _output += output;
        _cacheRead += cacheRead;
        _cacheCreation += cacheCreation;
        if (cost is { } usd)
        {
            _cost += usd;
            _hasCost = true;
        }
    }

    public static bool IsSuccess(int status) => status is >= 200 and < 300;

    public UsageFigures ToFigures(string? name)
    {
        var latency = Percentile.Of(_latencies, 50, 95);
        var ttfb = Percentile.Of(_ttfbs, 50);
        var inputSide = _input + _cacheRead + _cacheCreation;
        return new UsageFigures
        {
            Name = name,
            Requests = _requests,
            Errors = _errors,
            SuccessRate = _requests == 0 ? null : (double)(_requests - _errors) / _requests,
            P50LatencyMs = latency[0],
            P95LatencyMs = latency[1],
            P50TtfbMs = ttfb[0],
            InputTokens = _input,
            OutputTokens = _output,
            CacheReadTokens = _cacheRead,
            CacheCreationTokens = _cacheCreation,
            CacheHitRate = inputSide == 0 ? null : (double)_cacheRead / inputSide,
            // Rounded to 1e-10 USD: summing many small prices leaves binary noise in the last digits.
            CostUsd = _hasCost ? Math.Round(_cost, 10) : null,
        };
    }
}
