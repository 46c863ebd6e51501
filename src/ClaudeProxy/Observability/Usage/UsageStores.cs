using ClaudeProxy.Configuration;
using ClaudeProxy.Observability.Usage.Postgres;

namespace ClaudeProxy.Observability.Usage;

/// <summary>Which store the gateway logs to: the PostgreSQL database USAGE_DB_URL names, else the embedded SQLite file.</summary>
public static class UsageStores
{
    public static IUsageStore For(GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.UsageDbUrl is { } url
            ? new PostgresUsageStore(PostgresAddress.Parse(url))
            : new SqliteUsageStore(settings.ResolvedUsageDbPath);
    }
}
