namespace ClaudeProxy.FakeUpstreams;

/// <summary>Drops the connection before any response byte is sent.</summary>
internal sealed class ResetReply : FakeReply
{
    internal override Task ExecuteAsync(HttpContext context, RecordedRequest request)
    {
        context.Abort();
        return Task.CompletedTask;
    }
}
