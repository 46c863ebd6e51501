using Microsoft.Data.Sqlite;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Cli;

/// <summary>
/// How <c>logs</c> and <c>stats</c> reach the request log: the file the server writes, read
/// directly, so they work with the gateway stopped (WAL lets them read while it writes).
/// </summary>
internal static class UsageLog
{
    /// <summary>
    /// The store, or null when there is no file yet. Reading never creates one: a mistyped
    /// <c>--config</c> or <c>USAGE_DB_PATH</c> must not leave an empty database behind.
    /// </summary>
    public static SqliteUsageStore? Open(CommandContext context) =>
        File.Exists(context.UsageDbPath) ? new SqliteUsageStore(context.UsageDbPath) : null;

    public static string NothingYet(CommandContext context) => $"no requests logged yet at {context.UsageDbPath}";

    /// <summary>Runs a read, turning an unreadable file into exit code 1 with the path named.</summary>
    public static int Read(CommandContext context, Func<int> read)
    {
        try
        {
            return read();
        }
        catch (SqliteException ex)
        {
            return context.Fail(ExitCodes.BadConfig, $"cannot read the request log at {context.UsageDbPath}: {ex.Message}");
        }
    }
}
