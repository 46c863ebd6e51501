namespace ClaudeProxy.FakeUpstreams;

/// <summary>
/// Replaces the console lifetime so a fake never hooks Ctrl+C or SIGTERM: the process that hosts
/// it (a test run, a benchmark) keeps its own shutdown behaviour.
/// </summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
