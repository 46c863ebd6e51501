using System.Text;

namespace ClaudeProxy.Observability.Usage.Postgres;

/// <summary>
/// Text as PostgreSQL takes it: a NUL character or a lone surrogate (both possible in a client's JSON strings) would fail
/// the whole batch's copy, so they become U+FFFD.
/// </summary>
internal static class PostgresText
{
    public static string Clean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            // UTF-8's default encoder replaces each lone surrogate; pairs come through as they were.
            value = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
        }

        return value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', '\uFFFD') : value;
    }
}
