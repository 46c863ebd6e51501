using System.Data.Common;

namespace ClaudeProxy.Observability.Usage;

/// <summary>Reads a log page the way every store queries it: up to one row more than the limit, which only says there is a next page.</summary>
internal static class LogPageReader
{
    public static LogPage Read(DbDataReader reader, int limit)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var items = new List<RequestLogEntry>(Math.Min(limit + 1, 64));
        while (reader.Read())
        {
            items.Add(RequestLogRow.Read(reader, withBodies: false));
        }

        if (items.Count <= limit)
        {
            return new LogPage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new LogPage(items, items[^1].Id);
    }
}
