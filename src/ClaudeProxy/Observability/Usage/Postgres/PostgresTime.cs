namespace ClaudeProxy.Observability.Usage.Postgres;

/// <summary>
/// Times as the timestamptz columns hold them: UTC, cut to the millisecond like SQLite's Unix milliseconds, so both
/// stores keep, filter and bucket the same instants.
/// </summary>
internal static class PostgresTime
{
    public static DateTime Of(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()).UtcDateTime;

    public static long UnixMilliseconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
