namespace ClaudeProxy.FakeUpstreams;

/// <summary>Picks the actual reply once the request is known.</summary>
internal sealed class DynamicReply(Func<RecordedRequest, FakeReply> choose) : FakeReply
{
    internal override Task ExecuteAsync(HttpContext context, RecordedRequest request) =>
        choose(request).ExecuteAsync(context, request);
}
