namespace ClaudeProxy.FakeUpstreams;

/// <summary>Sends nothing and waits for the client to give up.</summary>
internal sealed class HangReply : FakeReply
{
    internal override Task ExecuteAsync(HttpContext context, RecordedRequest request) => request.Aborted;
}
