using ClaudeProxy.Configuration;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// The request log in one SQLite file (WAL: readers never wait for the writer). Writes share one
/// connection under a lock; every read opens a pooled connection of its own, so the API, the CLI
/// and the writer run side by side. The file and its schema are created on first use.
/// </summary>
public sealed class SqliteUsageStore : IUsageStore
{
    private const int PruneChunk = 10_000;
    private const int PackChunk = 10_000;
    private readonly string _connectionString;
    private readonly Lock _writeLock = new();
    private SqliteConnection? _writer;
    private BatchCommands? _batch;
    private bool _disposed;
    private bool _ready;

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

    public IReadOnlyList<long> Append(IReadOnlyList<RequestLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        lock (_writeLock)
        {
            var connection = Writer();
            var batch = _batch ??= new BatchCommands(connection);
            using var transaction = connection.BeginTransaction();
            batch.Enlist(transaction);
            var ids = new long[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                RequestLogRow.Bind(batch.Insert, entries[i]);
                ids[i] = (long)batch.Insert.ExecuteScalar()!;
            }

            // Writes are serialised and ids only grow, so this batch's rows are exactly those above its first id.
            batch.RecordHours.Parameters[0].Value = ids[0] - 1;
            batch.RecordHours.ExecuteNonQuery();
            transaction.Commit();
            return ids;
        }
    }

    public LogPage QueryLogs(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = Reader();
        using var command = connection.CreateCommand();
        var channelIsId = query.Channel is { } channel && IsChannelId(connection, channel);
        command.CommandText = "SELECT " + UsageSchema.ItemColumns + " FROM requests" + LogFilterSql.Where(query, channelIsId, hourBounds: true, Parameter)
            + " ORDER BY id DESC" + LogFilterSql.Limit(query.Limit + 1);
        using var reader = command.ExecuteReader();
        return LogPageReader.Read(reader, query.Limit);

        // Times are kept as Unix milliseconds.
        void Parameter(string name, object value) =>
            command.Parameters.AddWithValue(name, value is DateTimeOffset time ? time.ToUnixTimeMilliseconds() : value);
    }

    public RequestLogEntry? Find(long id)
    {
        using var connection = Reader();
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
        using var connection = Reader();
        // One range scan of the covering time index, two columns a row read straight from SQLite's
        // buffers (the ADO.NET reader would allocate the group name and cost ~90 ns a column).
        var sql = "SELECT stats, " + UsageSchema.GroupColumn(grouping) + " FROM requests INDEXED BY requests_time WHERE time >= ?1 AND time < ?2";
        var db = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            raw.sqlite3_bind_int64(statement, 1, start.ToUnixTimeMilliseconds());
            raw.sqlite3_bind_int64(statement, 2, window.End(now).ToUnixTimeMilliseconds());
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (StatsRecord.Read(raw.sqlite3_column_blob(statement, 0)) is { } record)
                {
                    var groupIsNull = raw.sqlite3_column_type(statement, 1) == raw.SQLITE_NULL;
                    builder.Add(record, groupIsNull ? default : raw.sqlite3_column_blob(statement, 1), groupIsNull);
                }
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }

        return builder.Build();
    }

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
                if (deleted < PruneChunk)
                {
                    // Only hours wholly before the cutoff go: the hour it falls in still has rows.
                    command.CommandText = "DELETE FROM request_hours WHERE hour < $cutoff / 3600000";
                    command.ExecuteNonQuery();
                }
            }

            total += deleted;
            if (deleted < PruneChunk)
            {
                return total;
            }
        }
    }

    /// <summary>Lets SQLite refresh its planner statistics (cheap; worth it after large changes).</summary>
    /// <remarks>Without them the planner may walk a filter's index and sort, where walking ids newest first stops after one page.</remarks>
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
                _batch?.Dispose();
                _batch = null;
                SqliteConnection.ClearPool(writer);
                writer.Dispose();
                _writer = null;
            }
        }
    }

    private static void RecordHours(SqliteConnection connection, SqliteTransaction? transaction, long after)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UsageSchema.RecordHours;
        command.Parameters.AddWithValue("$after", after);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Brings a file an earlier build wrote to the current schema, in one write transaction (BEGIN IMMEDIATE, so
    /// a second process opening the file at the same time waits, then finds the work done):
    /// <list type="bullet">
    /// <item>no <c>stats</c> column (the first SQLite builds, user_version 1, or 2 once a build before this check
    /// opened it): the column is added and every row's figures packed from its own columns, which hold the same
    /// numbers; the time index is built again over the blob.</item>
    /// <item>no <c>instance</c> column (before user_version 3): the column is added, null for the rows already there.</item>
    /// <item>user_version 1 (before <c>request_hours</c>): its rows get their hours once, so time filters stay exact.</item>
    /// </list>
    /// Nothing is dropped or rewritten but the old time index; a new file goes the same way with nothing to convert.
    /// </summary>
    private static void Upgrade(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = UserVersion(connection, transaction);
        var lacksStats = Lacks(connection, transaction, UsageSchema.LacksStats);
        if (version >= UsageSchema.Version && !lacksStats)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (lacksStats)
        {
            command.CommandText = UsageSchema.AddStats;
            command.ExecuteNonQuery();
            PackStats(connection, transaction);
        }

        if (Lacks(connection, transaction, UsageSchema.LacksInstance))
        {
            command.CommandText = UsageSchema.AddInstance;
            command.ExecuteNonQuery();
        }

        command.CommandText = UsageSchema.Create;
        command.ExecuteNonQuery();
        if (version < 2)
        {
            RecordHours(connection, transaction, after: 0);
        }

        if (version < UsageSchema.Version)
        {
            command.CommandText = $"PRAGMA user_version = {UsageSchema.Version};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Packs the figures of every row whose <c>stats</c> is still empty, a chunk of rows at a time.</summary>
    private static void PackStats(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = UsageSchema.UnpackedRows;
        var after = select.Parameters.Add("$after", SqliteType.Integer);
        select.Parameters.AddWithValue("$limit", PackChunk);
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE requests SET stats = $stats WHERE id = $id";
        var stats = update.Parameters.Add("$stats", SqliteType.Blob);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        var rows = new List<(long Id, byte[] Stats)>(PackChunk);
        after.Value = 0L;
        do
        {
            // Read a chunk, then write it: a table is not changed under a statement still walking it.
            rows.Clear();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    var record = new StatsRecord(
                        reader.GetInt64(1), reader.GetInt32(2), reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDouble(4),
                        reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetDouble(9));
                    rows.Add((reader.GetInt64(0), record.ToBytes()));
                }
            }

            foreach (var row in rows)
            {
                id.Value = row.Id;
                stats.Value = row.Stats;
                update.ExecuteNonQuery();
            }

            after.Value = rows.Count > 0 ? rows[^1].Id : 0L;
        }
        while (rows.Count == PackChunk);
    }

    private static long UserVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs one of the schema's "lacks a column" checks.</summary>
    private static bool Lacks(SqliteConnection connection, SqliteTransaction? transaction, string check)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = check;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private static bool IsChannelId(SqliteConnection connection, string channel)
    {
        using var command = connection.CreateCommand();
        command.CommandText = LogFilterSql.ChannelIsId;
        command.Parameters.AddWithValue("@channel", channel);
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

        if (!File.Exists(FilePath))
        {
            // The log holds masked keys, error messages and maybe bodies: owner-only, like the config.
            // SQLite gives its -wal and -shm files the database file's mode. An empty file is a new database.
            try
            {
                using var created = OwnerOnlyFile.Create(FilePath, FileMode.CreateNew);
            }
            catch (IOException) when (File.Exists(FilePath))
            {
                // Another process created it first.
            }
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL lets readers go on while a batch is written; NORMAL syncs at checkpoints only, which
            // in WAL mode can lose the last batches on power loss but never corrupts the file.
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
            // A current file costs two reads here; one an earlier build wrote is upgraded once.
            if (UserVersion(connection, transaction: null) < UsageSchema.Version || Lacks(connection, transaction: null, UsageSchema.LacksStats))
            {
                Upgrade(connection);
            }

            command.CommandText = UsageSchema.Create;
            command.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _writer = connection;
        Volatile.Write(ref _ready, true);
        return connection;
    }

    private SqliteConnection Reader()
    {
        if (!Volatile.Read(ref _ready))
        {
            // The first read may come before the first write: the schema must exist for it. Later
            // reads never take the write lock, so they run while a batch is being written.
            lock (_writeLock)
            {
                Writer();
            }
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// The statements every batch runs, compiled once per writer connection: a batch of one row would
    /// otherwise spend most of its time parsing SQL.
    /// </summary>
    private sealed class BatchCommands : IDisposable
    {
        public BatchCommands(SqliteConnection connection)
        {
            Insert = connection.CreateCommand();
            Insert.CommandText = UsageSchema.Insert + " RETURNING id";
            RequestLogRow.AddParameters(Insert);
            RecordHours = connection.CreateCommand();
            RecordHours.CommandText = UsageSchema.RecordHours;
            RecordHours.Parameters.Add("$after", SqliteType.Integer);
        }

        public SqliteCommand Insert { get; }

        public SqliteCommand RecordHours { get; }

        public void Enlist(SqliteTransaction transaction)
        {
            Insert.Transaction = transaction;
            RecordHours.Transaction = transaction;
        }

        public void Dispose()
        {
            Insert.Dispose();
            RecordHours.Dispose();
        }
    }
}
