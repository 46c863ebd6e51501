using Npgsql;

namespace ClaudeProxy.Observability.Usage.Postgres;

/// <summary>
/// The request log in a PostgreSQL database (USAGE_DB_URL), shared by every instance that names it: each appends its
/// own batches and reads everyone's. One pooled data source per store; the schema is created on first use, under a
/// lock so instances opening the same empty database at once do not collide. Filters, pages and stats are the SQLite
/// store's (<see cref="LogFilterSql"/>, <see cref="LogPageReader"/>, <see cref="UsageStatsBuilder"/>), so both answer alike.
/// </summary>
public sealed class PostgresUsageStore : IUsageStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Lock _schemaLock = new();
    private bool _ready;

    public PostgresUsageStore(PostgresAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
        // The slim builder leaves out what needs reflection or is never used here (arrays, ranges, JSON, records…).
        _dataSource = new NpgsqlSlimDataSourceBuilder(address.ConnectionString).Build();
    }

    /// <summary>Where the log is; its <see cref="PostgresAddress.ToString"/> is safe to show.</summary>
    public PostgresAddress Address { get; }

    public void Open() => Ready();

    public IReadOnlyList<long> Append(IReadOnlyList<RequestLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        using var connection = Ready();
        using var transaction = connection.BeginTransaction();
        var ids = NextIds(connection, transaction, entries.Count);
        using (var copy = connection.BeginBinaryImport(PostgresSchema.Copy))
        {
            for (var i = 0; i < entries.Count; i++)
            {
                PostgresRowCopy.Write(copy, ids[i], entries[i]);
            }

            copy.Complete();
        }

        transaction.Commit();
        return ids;
    }

    public LogPage QueryLogs(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = Ready();
        using var command = connection.CreateCommand();
        var channelIsId = query.Channel is { } channel && IsChannelId(connection, channel);
        command.CommandText = "SELECT " + UsageSchema.ItemColumns + " FROM requests" + LogFilterSql.Where(query, channelIsId, hourBounds: false, Parameter)
            + " ORDER BY id DESC" + LogFilterSql.Limit(query.Limit + 1);
        using var reader = command.ExecuteReader();
        return LogPageReader.Read(reader, query.Limit);

        void Parameter(string name, object value) =>
            command.Parameters.AddWithValue(name, value is DateTimeOffset time ? PostgresTime.Of(time) : value);
    }

    public RequestLogEntry? Find(long id)
    {
        using var connection = Ready();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + UsageSchema.ItemColumns + ", request_body, response_body FROM requests WHERE id = @id";
        command.Parameters.AddWithValue("@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? RequestLogRow.Read(reader, withBodies: true) : null;
    }

    public UsageStats QueryStats(StatsWindow window, StatsGrouping grouping, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var start = window.Start(now);
        var builder = new UsageStatsBuilder(window, grouping, start);
        using var connection = Ready();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + PostgresSchema.StatsColumns + ", " + UsageSchema.GroupColumn(grouping)
            + " FROM requests WHERE time >= @start AND time < @end";
        command.Parameters.AddWithValue("@start", PostgresTime.Of(start));
        command.Parameters.AddWithValue("@end", PostgresTime.Of(window.End(now)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var record = new StatsRecord(
                PostgresTime.UnixMilliseconds(reader.GetDateTime(0)), reader.GetInt32(1), reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.IsDBNull(8) ? null : reader.GetDouble(8));
            builder.Add(record, reader.IsDBNull(9) ? null : reader.GetString(9));
        }

        return builder.Build();
    }

    public int DeleteOlderThan(DateTimeOffset cutoff) => WhilePruneLockHeld(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM requests WHERE time < @cutoff";
        command.Parameters.AddWithValue("@cutoff", PostgresTime.Of(cutoff));
        return command.ExecuteNonQuery();
    });

    /// <summary>Refreshes the planner's statistics; under the prune lock, as two ANALYZEs of one table at once can fail.</summary>
    public void Optimize() => WhilePruneLockHeld(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE requests";
        command.ExecuteNonQuery();
        return 0;
    });

    public void Dispose() => _dataSource.Dispose();

    private static long[] NextIds(NpgsqlConnection connection, NpgsqlTransaction transaction, int count)
    {
        using var command = new NpgsqlCommand(PostgresSchema.NextIds, connection, transaction);
        command.Parameters.AddWithValue("@count", count);
        var ids = new long[count];
        var i = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids[i++] = reader.GetInt64(0);
            }
        }

        // Each value is newer than the one before it, whatever order the rows came back in.
        Array.Sort(ids);
        return ids;
    }

    private static bool IsChannelId(NpgsqlConnection connection, string channel)
    {
        using var command = connection.CreateCommand();
        command.CommandText = LogFilterSql.ChannelIsId;
        command.Parameters.AddWithValue("@channel", channel);
        return command.ExecuteScalar() is true;
    }

    /// <summary>
    /// Runs <paramref name="work"/> only if this connection gets the prune lock at once; 0 when another instance holds it.
    /// A session lock, released before the connection goes back to the pool (and by the server if the connection dies).
    /// </summary>
    private int WhilePruneLockHeld(Func<NpgsqlConnection, int> work)
    {
        using var connection = Ready();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT pg_try_advisory_lock(@lock)";
            command.Parameters.AddWithValue("@lock", PostgresSchema.PruneLock);
            if (command.ExecuteScalar() is not true)
            {
                return 0;
            }
        }

        try
        {
            return work(connection);
        }
        finally
        {
            using var unlock = connection.CreateCommand();
            unlock.CommandText = "SELECT pg_advisory_unlock(@lock)";
            unlock.Parameters.AddWithValue("@lock", PostgresSchema.PruneLock);
            unlock.ExecuteNonQuery();
        }
    }

    /// <summary>An open connection, the schema made first if this store has not yet (a failure is retried on the next call).</summary>
    private NpgsqlConnection Ready()
    {
        if (!Volatile.Read(ref _ready))
        {
            lock (_schemaLock)
            {
                if (!_ready)
                {
                    CreateSchema();
                    Volatile.Write(ref _ready, true);
                }
            }
        }

        return _dataSource.OpenConnection();
    }

    private void CreateSchema()
    {
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction);
        command.Parameters.AddWithValue("@lock", PostgresSchema.SchemaLock);
        command.ExecuteNonQuery();
        command.Parameters.Clear();
        command.CommandText = PostgresSchema.Create;
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
