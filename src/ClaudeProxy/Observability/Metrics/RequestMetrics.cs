using System.Diagnostics.Metrics;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Observability.Metrics;

/// <summary>
/// What each finished proxied request adds: its count, duration, time to first byte, tokens and cost;
/// and the streams open right now. Fed from the request's log entry, so the metrics and the request log
/// always agree. With no metrics reader attached a finished request costs one flag check, a stream
/// one interlocked add at each end.
/// </summary>
public sealed class RequestMetrics
{
    // Seconds, from a quick non-stream answer to a long agentic stream.
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstByte;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private long _activeStreams;
    private readonly ModelLabels _models;

    public RequestMetrics(GatewayMeter meter, ModelLabels models)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _models = models;
        var m = meter.Meter;
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets };
        _requests = m.CreateCounter<long>("claude_proxy_requests", description: "Proxied requests by channel, requested model and status class.");
        _duration = m.CreateHistogram("claude_proxy_request_duration", "s", "Time from a proxied request's arrival to its last byte, by channel.", advice: buckets);
        _timeToFirstByte = m.CreateHistogram("claude_proxy_time_to_first_byte", "s", "For answered requests, time from the answering attempt's start to the upstream's response headers, by channel.", advice: buckets);
        _tokens = m.CreateCounter<long>("claude_proxy_tokens", description: "Tokens the upstreams reported, by channel, requested model and kind.");
        _cost = m.CreateCounter<double>("claude_proxy_cost_usd", description: "Cost in USD of priced requests, by channel and requested model.");
        // Read at scrape time, so it is there (0) before the first stream and costs one interlocked add per change.
        m.CreateObservableUpDownCounter("claude_proxy_active_streams", () => Interlocked.Read(ref _activeStreams), description: "Streaming requests in progress.");
    }

    public void StreamStarted() => Interlocked.Increment(ref _activeStreams);

    public void StreamEnded() => Interlocked.Decrement(ref _activeStreams);

    public void Record(RequestLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_requests.Enabled)
        {
            return;
        }

        var channel = new KeyValuePair<string, object?>("channel", entry.Channel ?? MetricLabels.NoChannel);
        var model = new KeyValuePair<string, object?>("model", _models.For(entry.Model));
        _requests.Add(1, channel, model, new KeyValuePair<string, object?>("status_class", MetricLabels.StatusClass(entry.Status)));
        _duration.Record(entry.LatencyMs / 1000, channel);
        if (entry.TtfbMs is { } ttfb)
        {
            _timeToFirstByte.Record(ttfb / 1000, channel);
        }

        AddTokens(entry.InputTokens, "input", channel, model);
        AddTokens(entry.OutputTokens, "output", channel, model);
        AddTokens(entry.CacheReadTokens, "cache_read", channel, model);
        AddTokens(entry.CacheCreationTokens, "cache_creation", channel, model);
        if (entry.CostUsd is > 0 and var cost)
        {
            _cost.Add(cost, channel, model);
        }
    }

    private void AddTokens(long count, string kind, KeyValuePair<string, object?> channel, KeyValuePair<string, object?> model)
    {
        if (count > 0)
        {
            _tokens.Add(count, channel, model, new KeyValuePair<string, object?>("kind", kind));
        }
    }
}
