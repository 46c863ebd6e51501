namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// Where request log entries are kept and read back. SQLite is the embedded default; a server
/// database can implement the same contract without the request path noticing.
/// </summary>
public interface IUsageStore : IDisposable
{
    /// <summary>
    /// Creates the schema if needed, so an unreachable store is reported at start; throws when it cannot.
    /// Every other call does the same on first use, so a store that comes back later is used then.
    /// </summary>
    void Open();

    /// <summary>
    /// Stores a batch atomically (one transaction); the entries' ids are ignored and assigned, and returned in
    /// order. The list is the writer's reused buffer: read it during the call, never keep it.
    /// </summary>
    IReadOnlyList<long> Append(IReadOnlyList<RequestLogEntry> entries);

    /// <summary>One page of entries, newest first, without bodies.</summary>
    LogPage QueryLogs(LogQuery query);

    /// <summary>One entry with its stored bodies, or null.</summary>
    RequestLogEntry? Find(long id);

    /// <summary>Totals, groups and a time series for the window that ends at <paramref name="now"/>.</summary>
    UsageStats QueryStats(StatsWindow window, StatsGrouping grouping, DateTimeOffset now);

    /// <summary>Deletes entries older than <paramref name="cutoff"/>; returns how many went (0 when another instance is pruning the shared store).</summary>
    int DeleteOlderThan(DateTimeOffset cutoff);

    /// <summary>Housekeeping after pruning: refreshing the query planner's statistics.</summary>
    void Optimize();
}
