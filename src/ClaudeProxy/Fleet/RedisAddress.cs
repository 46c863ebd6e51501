using System.Globalization;
using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// A <c>redis://[user:password@]host[:port][/db]</c> (or <c>rediss://</c> for TLS) address as StackExchange.Redis options.
/// The connection never aborts on a failed first connect: the gateway starts and serves on its own state until Redis answers.
/// </summary>
public static class RedisAddress
{
    public const int DefaultPort = 6379;

    public static ConfigurationOptions Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
        {
            throw new FormatException("expected redis://host[:port] or rediss://host[:port]");
        }

        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            Ssl = uri.Scheme == "rediss",
            ConnectTimeout = 2000,
            SyncTimeout = 2000,
            AsyncTimeout = 2000,
            ConnectRetry = 1,
            ClientName = "claude-proxy",
        };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            var password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            if (password is null)
            {
                // redis://secret@host: a lone user part is the password, as redis-cli -u reads it.
                options.Password = user;
            }
            else
            {
                options.User = user.Length == 0 ? null : user;
                options.Password = password;
            }
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database))
            {
                throw new FormatException("the path names the database by number, as in redis://host:6379/0");
            }

            options.DefaultDatabase = database;
        }

        return options;
    }
}
