namespace ClaudeProxy.Proxy;

/// <summary>When a request arrived, on the gateway's clock: the request log's time and latency.</summary>
public readonly record struct RequestArrival(DateTimeOffset At, long Timestamp, TimeProvider Time)
{
    public static RequestArrival Now(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        return new RequestArrival(time.GetUtcNow(), time.GetTimestamp(), time);
    }

    public TimeSpan Elapsed() => Time.GetElapsedTime(Timestamp);
}
