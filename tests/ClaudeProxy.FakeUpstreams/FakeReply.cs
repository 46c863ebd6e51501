using System.Text;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>
/// What the fake answers to one request. Replies hold no per-request state, so one reply may be
/// used for many requests (for example as the default).
/// </summary>
public abstract class FakeReply
{
    private protected FakeReply()
    {
    }

    /// <summary>A JSON body with the given status and extra headers.</summary>
    public static FakeReply Json(int status, string json, params (string Name, string Value)[] headers) =>
        new BodyReply(status, "application/json", Encoding.UTF8.GetBytes(json), [.. headers]);

    /// <summary>A 200 JSON body.</summary>
    public static FakeReply Json(string json) => Json(200, json);

    public static FakeReply Text(int status, string body, string contentType = "text/plain") =>
        new BodyReply(status, contentType, Encoding.UTF8.GetBytes(body), []);

    /// <summary>Exactly these body bytes, e.g. a compressed body with its <c>content-encoding</c> header.</summary>
    public static FakeReply Bytes(int status, string contentType, byte[] body, params (string Name, string Value)[] headers) =>
        new BodyReply(status, contentType, body.ToArray(), [.. headers]);

    /// <summary>A status with an empty body.</summary>
    public static FakeReply Status(int status) => new BodyReply(status, null, [], []);

    /// <summary>A streamed body: headers go out first, then each script step, flushed as it runs.</summary>
    public static FakeReply Stream(
        SseScript script,
        int status = 200,
        string contentType = "text/event-stream",
        params (string Name, string Value)[] headers) =>
        new StreamReply(script, status, contentType, [.. headers]);

    /// <summary>Aborts the connection without sending any response.</summary>
    public static FakeReply Reset() => new ResetReply();

    /// <summary>Never answers; ends only when the client goes away.</summary>
    public static FakeReply Hang() => new HangReply();

    /// <summary>Waits, then answers with <paramref name="then"/>; the wait ends early if the client goes away.</summary>
    public static FakeReply Delayed(TimeSpan delay, FakeReply then) => new DelayedReply(delay, then);

    /// <summary>Chooses the reply from the request, e.g. to echo the requested model.</summary>
    public static FakeReply Dynamic(Func<RecordedRequest, FakeReply> choose) => new DynamicReply(choose);

    internal abstract Task ExecuteAsync(HttpContext context, RecordedRequest request);
}
