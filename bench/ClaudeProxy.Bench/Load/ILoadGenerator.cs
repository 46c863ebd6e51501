namespace ClaudeProxy.Bench.Load;

internal interface ILoadGenerator
{
    string Description { get; }

    Task<LoadPoint> RunAsync(RequestTarget target, int concurrency, TimeSpan duration, CancellationToken ct);
}
