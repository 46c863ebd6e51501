namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// The request log's SQLite schema. One row per client request; its attempts are one JSON text column,
/// since they are only ever shown with their request, never filtered or summed (a child table would
/// cost a second insert per attempt and a join per page). Times are Unix milliseconds (UTC).
/// </summary>
internal static class UsageSchema
{
    /// <summary>2: <c>request_hours</c>; 3: the <c>instance</c> column.</summary>
    public const int Version = 3;

    /// <summary>The columns of a log item, in the order <see cref="RequestLogRow"/> reads them, in every store; bodies last.</summary>
    public const string ItemColumns =
        "id, time, request_id, path, model, mapped_model, channel, channel_id, service_type, key_masked, status, error_type, error_message, " +
        "stream, latency_ms, ttfb_ms, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, cost_usd, attempts, instance";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS requests (
            id INTEGER PRIMARY KEY,
            time INTEGER NOT NULL,
            request_id TEXT NOT NULL,
            path TEXT NOT NULL,
            model TEXT,
            mapped_model TEXT,
            channel TEXT,
            channel_id TEXT,
            service_type TEXT,
            key_masked TEXT,
            status INTEGER NOT NULL,
            error_type TEXT,
            error_message TEXT,
            stream INTEGER NOT NULL,
            latency_ms REAL NOT NULL,
            ttfb_ms REAL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cache_read_tokens INTEGER NOT NULL,
            cache_creation_tokens INTEGER NOT NULL,
            cost_usd REAL,
            attempts TEXT NOT NULL,
            stats BLOB NOT NULL,
            request_body TEXT,
            response_body TEXT,
            instance TEXT
        );
        -- Log filters: a one-column index also holds the rowid, so "= value AND id < cursor ORDER BY id DESC"
        -- walks it backwards and stops after one page.
        CREATE INDEX IF NOT EXISTS requests_channel ON requests(channel);
        CREATE INDEX IF NOT EXISTS requests_channel_id ON requests(channel_id);
        CREATE INDEX IF NOT EXISTS requests_model ON requests(model);
        CREATE INDEX IF NOT EXISTS requests_status ON requests(status);
        CREATE INDEX IF NOT EXISTS requests_error_type ON requests(error_type);
        CREATE INDEX IF NOT EXISTS requests_key ON requests(key_masked);
        CREATE INDEX IF NOT EXISTS requests_instance ON requests(instance);
        -- Stats and time filters: covers every column a stats pass reads (the packed figures and the
        -- group names), so a window is one range scan of the index, never a visit to the (wider) rows.
        CREATE INDEX IF NOT EXISTS requests_time ON requests(time, stats, channel, key_masked, model);
        -- The smallest and largest id logged in each hour. Ids follow the order requests ended, times the
        -- order they began, so the two orders differ slightly; these bounds turn a time filter into an id
        -- range that holds every matching row, and a page far in the past starts there instead of walking
        -- every newer row.
        CREATE TABLE IF NOT EXISTS request_hours (
            hour INTEGER PRIMARY KEY,
            min_id INTEGER NOT NULL,
            max_id INTEGER NOT NULL
        );
        """;

    /// <summary>
    /// Whether <c>requests</c> exists without the <c>stats</c> column: a file the first SQLite builds wrote
    /// (user_version 1, figures in their own columns and a time index over them). A build from before this
    /// check set such a file's user_version to 2 without adding the column, so the version alone cannot tell.
    /// </summary>
    public const string LacksStats = """
        SELECT EXISTS (SELECT 1 FROM pragma_table_info('requests'))
            AND NOT EXISTS (SELECT 1 FROM pragma_table_info('requests') WHERE name = 'stats')
        """;

    /// <summary>
    /// Gives such a file the <c>stats</c> column (empty until <see cref="SqliteUsageStore"/> packs each row's
    /// figures into it; an empty blob is skipped by a stats pass, never misread) and drops the old time index,
    /// which <see cref="Create"/> then builds again over the blob.
    /// </summary>
    public const string AddStats = """
        ALTER TABLE requests ADD COLUMN stats BLOB NOT NULL DEFAULT x'';
        DROP INDEX IF EXISTS requests_time;
        """;

    /// <summary>Whether <c>requests</c> exists without the <c>instance</c> column (files of builds before user_version 3).</summary>
    public const string LacksInstance = """
        SELECT EXISTS (SELECT 1 FROM pragma_table_info('requests'))
            AND NOT EXISTS (SELECT 1 FROM pragma_table_info('requests') WHERE name = 'instance')
        """;

    /// <summary>Rows logged before instances were named keep a null instance.</summary>
    public const string AddInstance = "ALTER TABLE requests ADD COLUMN instance TEXT";

    /// <summary>A chunk of rows whose figures are still to be packed, with the figures <see cref="StatsRecord"/> holds.</summary>
    public const string UnpackedRows = """
        SELECT id, time, status, latency_ms, ttfb_ms, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, cost_usd
        FROM requests WHERE id > $after AND length(stats) = 0 ORDER BY id LIMIT $limit
        """;

    /// <summary>Fills <c>request_hours</c> from the rows above <c>$after</c>; a whole file when it is 0.</summary>
    public const string RecordHours = """
        INSERT INTO request_hours (hour, min_id, max_id)
        SELECT time / 3600000, min(id), max(id) FROM requests WHERE id > $after GROUP BY time / 3600000
        ON CONFLICT (hour) DO UPDATE SET min_id = min(min_id, excluded.min_id), max_id = max(max_id, excluded.max_id)
        """;

    public const string Insert = """
        INSERT INTO requests (time, request_id, path, model, mapped_model, channel, channel_id, service_type, key_masked, status,
            error_type, error_message, stream, latency_ms, ttfb_ms, input_tokens, output_tokens, cache_read_tokens,
            cache_creation_tokens, cost_usd, attempts, stats, request_body, response_body, instance)
        VALUES ($time, $request_id, $path, $model, $mapped_model, $channel, $channel_id, $service_type, $key_masked, $status,
            $error_type, $error_message, $stream, $latency_ms, $ttfb_ms, $input_tokens, $output_tokens, $cache_read_tokens,
            $cache_creation_tokens, $cost_usd, $attempts, $stats, $request_body, $response_body, $instance)
        """;

    /// <summary>The column a stats grouping reads.</summary>
    public static string GroupColumn(StatsGrouping grouping) => grouping switch
    {
        StatsGrouping.Channel => "channel",
        StatsGrouping.Key => "key_masked",
        _ => "model",
    };
}
