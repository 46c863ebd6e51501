namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// Where the request path hands finished requests. It never blocks and never fails: an entry that
/// cannot be queued (the store is slow or gone) is dropped and counted.
/// </summary>
public interface IUsageRecorder
{
    void Record(RequestLogEntry entry);

    /// <summary>Entries dropped because the queue was full, since start.</summary>
    long Dropped { get; }
}
