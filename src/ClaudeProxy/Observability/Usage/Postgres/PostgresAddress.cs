using System.Globalization;
using ClaudeProxy.Configuration;
using Npgsql;

namespace ClaudeProxy.Observability.Usage.Postgres;

/// <summary>
/// A <c>postgres://user:password@host:port/database?sslmode=…</c> address (USAGE_DB_URL) as an Npgsql connection
/// string. The password is only ever in <see cref="ConnectionString"/>: <see cref="ToString"/> and every problem
/// name the address without it.
/// </summary>
public sealed class PostgresAddress
{
    public const int DefaultPort = 5432;

    /// <summary>How long a connection attempt waits when the address does not say (Npgsql's own default is 15 s).</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    private static readonly string[] Schemes = ["postgres", "postgresql"];
    private readonly string _redacted;

    private PostgresAddress(string redacted, NpgsqlConnectionStringBuilder builder)
    {
        _redacted = redacted;
        Host = builder.Host!;
        Port = builder.Port;
        Database = builder.Database;
        Username = builder.Username;
        SslMode = builder.SslMode;
        ConnectionString = builder.ConnectionString;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>Null when the address names none (the server then takes the user's name).</summary>
    public string? Database { get; }

    public string? Username { get; }

    public SslMode SslMode { get; }

    /// <summary>The Npgsql connection string, password included: for the driver only, never for output.</summary>
    public string ConnectionString { get; }

    /// <summary>The address; throws <see cref="FormatException"/> naming the problem (never the password).</summary>
    public static PostgresAddress Parse(string address) =>
        TryParse(address, out var parsed, out var problem) ? parsed : throw new FormatException(problem);

    public static bool TryParse(string address, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PostgresAddress? parsed, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(address);
        parsed = null;
        var redacted = ConnectionAddress.Redact(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme) || uri.IdnHost.Length == 0)
        {
            problem = $"'{redacted}': expected postgres://user:password@host:port/database";
            return false;
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.IdnHost,
            Port = uri.Port > 0 ? uri.Port : DefaultPort,
            Timeout = DefaultConnectTimeoutSeconds,
            ApplicationName = "claude-proxy",
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        if (Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database)
        {
            builder.Database = database;
        }

        problem = Options(uri.Query, builder);
        if (problem is not null)
        {
            problem = $"'{redacted}': {problem}";
            return false;
        }

        parsed = new PostgresAddress(redacted, builder);
        return true;
    }

    /// <summary>The address as it may be shown: the password replaced by <c>***</c>.</summary>
    public override string ToString() => _redacted;

    /// <summary>Applies the query's options (libpq's names); a problem for one it does not know or cannot read.</summary>
    private static string? Options(string query, NpgsqlConnectionStringBuilder builder)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (name)
            {
                case "sslmode":
                    if (SslModeOf(value) is not { } mode)
                    {
                        return $"sslmode '{value}': expected disable, allow, prefer, require, verify-ca or verify-full";
                    }

                    builder.SslMode = mode;
                    break;
                case "connect_timeout":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 1024)
                    {
                        return $"connect_timeout '{value}': expected seconds from 1 to 1024";
                    }

                    builder.Timeout = seconds;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                default:
                    return $"unknown option '{name}': expected sslmode, connect_timeout or application_name";
            }
        }

        return null;
    }

    private static SslMode? SslModeOf(string value) => value switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => null,
    };
}
