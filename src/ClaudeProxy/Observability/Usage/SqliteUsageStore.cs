using Microsoft.Data.Sqlite;

namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// The request log in one SQLite file (WAL: readers never wait for the writer). Writes share one
/// connection under a lock; every read opens a pooled connection of its own, so the API, the CLI
/// and the writer run side by side. The file and its schema are created on first use.
/// </summary>
public sealed class SqliteUsageStore : IUsageStore, IDisposable
{
    private const int PruneChunk = 10_000;
    private readonly string _connectionString;
    private readonly Lock _writeLock = new();
    private SqliteConnection? _writer;
    private bool _disposed;

    public SqliteUsageStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FilePath = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>Creates the file and schema if needed; throws when the file cannot be opened.</summary>
    public void Open()
    {
        lock (_writeLock)
        {
            Writer();
        }
    }

    public void Append(IReadOnlyList<RequestLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        lock (_writeLock)
        {
            var connection = Writer();
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = UsageSchema.Insert;
            RequestLogRow.AddParameters(insert);
            insert.Prepare();
            foreach (var entry in entries)
            {
                RequestLogRow.Bind(insert, entry);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public LogPage QueryLogs(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = Reader();
        using var command = connection.CreateCommand();
        var channelIsId = query.Channel is { } channel && IsChannelId(connection, channel);
        command.CommandText = "SELECT " + UsageSchema.ItemColumns + " FROM requests" + LogFilterSql.Where(query, command, channelIsId)
            + " ORDER BY id DESC" + LogFilterSql.Limit(query.Limit + 1);
        var items = new List<RequestLogEntry>(Math.Min(query.Limit + 1, 64));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(RequestLogRow.Read(reader, withBodies: false));
            }
        }

        if (items.Count <= query.Limit)
        {
            return new LogPage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new LogPage(items, items[^1].Id);
    }

    public RequestLogEntry? Find(long id)
    {
        using var connection = Reader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + UsageSchema.ItemColumns + ", request_body, response_body FROM requests WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? RequestLogRow.Read(reader, withBodies: true) : null;
    }

    public UsageStats QueryStats(StatsWindow window, StatsGrouping grouping, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var start = window.Start(now);
        var end = window.End(now);
        var totals = new UsageAccumulator();
        var groups = new Dictionary<string, UsageAccumulator>(StringComparer.Ordinal);
        var series = new UsageSeriesAccumulator(start, window);

        using var connection = Reader();
        using var command = connection.CreateCommand();
        // Reads only columns of the covering time index: one range scan, whatever the grouping.
        command.CommandText = "SELECT time, status, latency_ms, ttfb_ms, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, cost_usd, "
            + UsageSchema.GroupColumn(grouping) + " FROM requests INDEXED BY requests_time WHERE time >= $start AND time < $end";
        command.Parameters.AddWithValue("$start", start.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$end", end.ToUnixTimeMilliseconds());
        using (var row = command.ExecuteReader())
        {
            while (row.Read())
            {
                var time = row.GetInt64(0);
                var status = row.GetInt32(1);
                var latency = row.GetDouble(2);
                double? ttfb = row.IsDBNull(3) ? null : row.GetDouble(3);
                var input = row.GetInt64(4);
                var output = row.GetInt64(5);
                var cacheRead = row.GetInt64(6);
                var cacheCreation = row.GetInt64(7);
                double? cost = row.IsDBNull(8) ? null : row.GetDouble(8);
                var name = row.IsDBNull(9) ? UnknownGroup : row.GetString(9);

                totals.Add(status, latency, ttfb, input, output, cacheRead, cacheCreation, cost);
                if (!groups.TryGetValue(name, out var group))
                {
                    groups[name] = group = new UsageAccumulator();
                }

                group.Add(status, latency, ttfb, input, output, cacheRead, cacheCreation, cost);
                series.Add(time, status, input, output, cost);
            }
        }

        return new UsageStats
        {
            Window = window.Name,
            By = grouping.ToString().ToLowerInvariant(),
            Since = start,
            Until = end,
            Totals = totals.ToFigures(null),
            Groups = [.. groups.OrderByDescending(g => g.Value.Requests).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value.ToFigures(g.Key))],
            Series = series.ToSeries(),
        };
    }

    /// <summary>The group name of requests that have none (no channel was tried, no key, no model).</summary>
    public const string UnknownGroup = "(none)";

    public int DeleteOlderThan(DateTimeOffset cutoff)
    {
        var total = 0;
        while (true)
        {
            // In chunks, so a first pruning of a large file never holds the write lock for long.
            int deleted;
            lock (_writeLock)
            {
                using var command = Writer().CreateCommand();
                command.CommandText = "DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE time < $cutoff LIMIT $chunk)";
                command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$chunk", PruneChunk);
                deleted = command.ExecuteNonQuery();
            }

            total += deleted;
            if (deleted < PruneChunk)
            {
                return total;
            }
        }
    }

    /// <summary>Lets SQLite refresh its planner statistics (cheap; worth it after large changes).</summary>
    public void Optimize()
    {
        lock (_writeLock)
        {
            using var command = Writer().CreateCommand();
            command.CommandText = "PRAGMA optimize";
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_writer is { } writer)
            {
                SqliteConnection.ClearPool(writer);
                writer.Dispose();
                _writer = null;
            }
        }
    }

    private static bool IsChannelId(SqliteConnection connection, string channel)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM requests WHERE channel_id = $channel)";
        command.Parameters.AddWithValue("$channel", channel);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private SqliteConnection Writer()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is not null)
        {
            return _writer;
        }

        if (Path.GetDirectoryName(FilePath) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL lets readers go on while a batch is written; NORMAL syncs at checkpoints only, which
            // in WAL mode can lose the last batches on power loss but never corrupts the file.
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; " + UsageSchema.Create
                + $" PRAGMA user_version = {UsageSchema.Version};";
            command.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _writer = connection;
        return connection;
    }

    private SqliteConnection Reader()
    {
        lock (_writeLock)
        {
            // The first read may come before the first write: the schema must exist for it.
            Writer();
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
