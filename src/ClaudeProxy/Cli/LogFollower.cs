using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Cli;

/// <summary>
/// One poll of <c>logs --follow</c>: the entries matching the filters with an id above the last
/// one seen, oldest first. The store has no "after" cursor, so it walks pages newest first and
/// stops at the first id already seen (normally within the first page).
/// </summary>
internal sealed class LogFollower(LogQuery filters, long lastId)
{
    public long LastId { get; private set; } = lastId;

    public IReadOnlyList<RequestLogEntry> Poll(IUsageStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var fresh = new List<RequestLogEntry>();
        var query = filters with { Limit = LogQuery.MaxLimit, Before = null };
        while (true)
        {
            var page = store.QueryLogs(query);
            var newer = page.Items.TakeWhile(e => e.Id > LastId).ToList();
            fresh.AddRange(newer);
            if (newer.Count < page.Items.Count || page.Next is not { } next)
            {
                break;
            }

            query = query with { Before = next };
        }

        fresh.Reverse();
        if (fresh.Count > 0)
        {
            LastId = fresh[^1].Id;
        }

        return fresh;
    }
}
