namespace ClaudeProxy.FakeUpstreams;

/// <summary>Answers with another reply after a delay that the client's departure cuts short.</summary>
internal sealed class DelayedReply(TimeSpan delay, FakeReply then) : FakeReply
{
    internal override async Task ExecuteAsync(HttpContext context, RecordedRequest request)
    {
        await Task.Delay(delay, context.RequestAborted);
        await then.ExecuteAsync(context, request);
    }
}
