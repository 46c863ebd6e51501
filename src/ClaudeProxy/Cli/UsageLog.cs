using ClaudeProxy.Configuration;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Observability.Usage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClaudeProxy.Cli;

/// <summary>
/// How <c>logs</c> and <c>stats</c> reach the request log: the store the server writes, read directly, so they work
/// with the gateway stopped — the PostgreSQL database USAGE_DB_URL names, else the SQLite file (WAL lets them read
/// while it writes).
/// </summary>
internal static class UsageLog
{
    /// <summary>
    /// The store, or null when there is no SQLite file yet. Reading never creates one: a mistyped
    /// <c>--config</c> or <c>USAGE_DB_PATH</c> must not leave an empty database behind.
    /// </summary>
    public static IUsageStore? Open(CommandContext context) =>
        context.UsageDbUrl is { } url ? new PostgresUsageStore(PostgresAddress.Parse(url))
        : File.Exists(context.UsageDbPath) ? new SqliteUsageStore(context.UsageDbPath)
        : null;

    public static string NothingYet(CommandContext context) => $"no requests logged yet at {Where(context)}";

    /// <summary>Runs a read, turning an unreadable store into exit code 1 with where it is named (never a password).</summary>
    public static int Read(CommandContext context, Func<int> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is SqliteException or NpgsqlException or FormatException)
        {
            return context.Fail(ExitCodes.BadConfig, $"cannot read the request log at {Where(context)}: {ex.Message}");
        }
    }

    private static string Where(CommandContext context) =>
        context.UsageDbUrl is { } url ? ConnectionAddress.Redact(url) : context.UsageDbPath;
}
