namespace ClaudeProxy.Observability.Usage;

/// <summary>The even buckets of a stats series, every one present (zeros where nothing happened).</summary>
internal sealed class UsageSeriesAccumulator
{
    private readonly long _startMs;
    private readonly long _bucketMs;
    private readonly long[] _requests;
    private readonly long[] _errors;
    private readonly long[] _input;
    private readonly long[] _output;
    private readonly double[] _cost;
    private readonly bool[] _hasCost;

    public UsageSeriesAccumulator(DateTimeOffset start, StatsWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        _startMs = start.ToUnixTimeMilliseconds();
        _bucketMs = (long)window.Bucket.TotalMilliseconds;
        var count = window.BucketCount;
        _requests = new long[count];
        _errors = new long[count];
        _input = new long[count];
        _output = new long[count];
        _cost = new double[count];
        _hasCost = new bool[count];
    }

    public void Add(long timeMs, int status, long input, long output, double? cost)
    {
        var i = (timeMs - _startMs) / _bucketMs;
        if (i < 0 || i >= _requests.Length)
        {
            return;
        }

        _requests[i]++;
        if (!UsageAccumulator.IsSuccess(status))
        {
            _errors[i]++;
        }

        _input[i] += input;
        _output[i] += output;
        if (cost is { } usd)
        {
            _cost[i] += usd;
            _hasCost[i] = true;
        }
    }

    public IReadOnlyList<UsageSeriesPoint> ToSeries() =>
    [
        .. Enumerable.Range(0, _requests.Length).Select(i => new UsageSeriesPoint(
            DateTimeOffset.FromUnixTimeMilliseconds(_startMs + (i * _bucketMs)),
            _requests[i],
            _errors[i],
            _input[i],
            _output[i],
            _hasCost[i] ? Math.Round(_cost[i], 10) : null)),
    ];
}
